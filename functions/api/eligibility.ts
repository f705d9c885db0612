import { EligibilityRequest } from '../../schemas/eligibility.ts';
import { eligibility } from '../domain/retirement-age.ts';
import { runtime } from '../shared/runtime.ts';
import { httpHandler } from './http/handler.ts';

export const handler = httpHandler({
  auth: 'public',
  body: EligibilityRequest,
  async handle({ body }) {
    return { status: 200, body: eligibility(body, (await runtime()).policy) };
  },
});
