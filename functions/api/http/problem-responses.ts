import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { logger } from '../../shared/logger.ts';
import { HttpProblem } from './problem.ts';

/** Turns every error into RFC 9457 problem+json; anything unexpected is a 500 that reveals nothing. */
export function problemResponses(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const err = request.error;
      const problem =
        err instanceof HttpProblem ? err : new HttpProblem(500, 'Internal error', 'Something went wrong on our side. Your case is safe; please try again.');
      if (!(err instanceof HttpProblem)) logger.error({ err, path: request.event.rawPath }, 'unhandled error');
      request.response = {
        statusCode: problem.status,
        headers: { ...problem.headers, 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' },
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
