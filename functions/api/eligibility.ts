import { eligibility } from '../domain/retirement-age.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

export const handler = httpHandler(operations.calculateRetirement, {
  async handle({ body, rt }) {
    return { status: 200, body: eligibility(body, rt.policy) };
  },
});
