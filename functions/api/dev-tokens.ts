import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { HttpProblem, notFound } from './http/problem.ts';

/** Local development only: mints tokens with the keys generated at first start. Absent (404) elsewhere. */
export const handler = httpHandler(operations.createDevToken, {
  async handle({ body, rt }) {
    const issuer = rt.devTokens;
    if (!issuer) throw notFound('This endpoint');
    if (body.role === 'citizen' && !body.idNumber) {
      throw new HttpProblem(400, 'Invalid request', 'A citizen token needs the idNumber.', [{ path: 'idNumber', message: 'is required for role citizen' }]);
    }
    return { status: 200, body: { token: await issuer.issue(body) } };
  },
});
