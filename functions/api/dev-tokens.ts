import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';
import { notFound } from './http/problem.ts';

/** Local development only: mints tokens with the keys generated at first start. Absent (404) elsewhere. */
export const handler = httpHandler(operations.createDevToken, {
  async handle({ body, rt }) {
    const issuer = rt.devTokens;
    if (!issuer) throw notFound('This endpoint');
    // A citizen token without its idNumber never gets here: the schema's citizen variant requires it.
    return { status: 200, body: { token: await issuer.issue(body) } };
  },
});
