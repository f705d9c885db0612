import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { operations } from './routes.ts';

export const handler = httpHandler(operations.deleteWebhook, {
  async handle({ params, principal, rt }) {
    if (!(await rt.webhooks.unsubscribe(params.id, principal!.subject))) throw new HttpProblem(404, 'Not found', 'No such subscription of this platform.');
    return { status: 204 };
  },
});
