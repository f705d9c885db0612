import { httpHandler } from './http/handler.ts';
import { notFound } from './http/problem.ts';
import { operations } from './routes.ts';

/** Local development only: what the local SMS sink delivered to one phone number. Absent (404) elsewhere. */
export const handler = httpHandler(operations.listDevMessages, {
  async handle({ query, rt }) {
    if (!rt.messages) throw notFound('This endpoint');
    return { status: 200, body: { messages: rt.messages.list(query.to) } };
  },
});
