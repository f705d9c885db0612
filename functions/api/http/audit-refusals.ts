import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { CaseNumber } from '../../../schemas/common.ts';
import type { Principal } from '../../adapters/auth.ts';
import { logger } from '../../shared/logger.ts';
import { runtime } from '../../shared/runtime.ts';
import { HttpProblem } from './problem.ts';
import { NotThroughTheSite } from './through-the-site.ts';

/**
 * Every refused access to a case is on its audit trail: a request to a case's route that authentication
 * refused (401: no valid token; 403: a role that may not) is recorded against that case, if it exists,
 * with whoever the token named. The refusal itself stands whatever happens here.
 */
export function auditRefusals(
  operationId: string,
  /** A trail of its own (not a case's), recorded on whatever the path holds. */
  trail?: string,
): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context & { principal?: Principal }> {
  return {
    onError: async (request) => {
      const err = request.error;
      if (!(err instanceof HttpProblem) || (err.status !== 401 && err.status !== 403)) return;
      // A request that bypassed the site reached no case; writing for it would let anyone cost us writes.
      if (err instanceof NotThroughTheSite) return;
      const caseNumber = CaseNumber.safeParse(request.event.pathParameters?.caseNumber);
      if (!caseNumber.success && !trail) return;
      try {
        const rt = await runtime();
        if (caseNumber.success && !(await rt.cases.get(caseNumber.data))) return;
        const who = request.context.principal;
        await rt.audit.record(caseNumber.success ? caseNumber.data : trail!, {
          at: rt.clock.now().toISOString(),
          requestId: request.context.awsRequestId ?? request.event.requestContext?.requestId ?? crypto.randomUUID(),
          actor: who?.subject ?? 'anonymous',
          role: who?.role ?? 'none',
          action: `${operationId}:refused`,
        });
      } catch (auditError) {
        logger.warn({ err: auditError, status: err.status }, 'could not audit a refused access');
      }
    },
  };
}
