import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { CORRELATION_HEADER, currentCorrelationId } from '../../shared/correlation.ts';
import { logger } from '../../shared/logger.ts';
import { isTransient } from '../../shared/transient-error.ts';
import { NO_SNIFF } from './no-sniff.ts';
import { HttpProblem } from './problem.ts';

/**
 * Turns every error into RFC 9457 problem+json; anything unexpected is a 500 that reveals nothing. A refusal
 * answers the journey's correlation id too: it is what a caller quotes to the service desk when a call fails.
 */
export function problemResponses(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const err = request.error;
      const unavailable = !(err instanceof HttpProblem) && isTransient(err);
      const problem =
        err instanceof HttpProblem
          ? err
          : unavailable
            ? new HttpProblem(503, 'Temporarily unavailable', 'A service we depend on is not answering. Nothing was changed; please try again shortly.')
            : new HttpProblem(500, 'Internal error', 'Something went wrong on our side. Your case is safe; please try again.');
      if (unavailable) logger.warn({ err, path: request.event.rawPath }, 'dependency unavailable');
      else if (!(err instanceof HttpProblem)) logger.error({ err, path: request.event.rawPath }, 'unhandled error');
      const correlationId = currentCorrelationId();
      request.response = {
        statusCode: problem.status,
        headers: {
          ...(problem.status === 503 ? { 'retry-after': '5' } : {}),
          ...problem.headers,
          'content-type': 'application/problem+json; charset=utf-8',
          'cache-control': 'no-store',
          ...NO_SNIFF,
          ...(correlationId ? { [CORRELATION_HEADER]: correlationId } : {}),
        },
        body: JSON.stringify({
          type: `https://retireone.gov.cn/problems/${problem.status}`,
          title: problem.title,
          status: problem.status,
          detail: problem.message,
          ...(problem.errors ? { errors: problem.errors } : {}),
          ...problem.extra,
        }),
      };
    },
  };
}
