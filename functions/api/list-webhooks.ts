import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

export const handler = httpHandler(operations.listWebhooks, {
  async handle({ principal, rt }) {
    const mine = (await rt.webhooks.subscriptions()).filter((s) => s.owner === principal!.subject);
    return { status: 200, body: { webhooks: mine.map(({ id, url, events, createdAt }) => ({ id, url, events, createdAt })) } };
  },
});
