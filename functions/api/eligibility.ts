import { checkBirthDate } from '../../schemas/birth-date.ts';
import { EligibilityRequest } from '../../schemas/eligibility.ts';
import { eligibility } from '../domain/retirement-age.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

export const handler = httpHandler(operations.calculateRetirement, {
  // A birth date in the future or before 1900 is refused as of today's clock.
  bodyAsOf: (rt) => EligibilityRequest.superRefine((v, ctx) => checkBirthDate(v?.birthDate, rt.clock.today(), ctx, ['birthDate'])),
  async handle({ body, rt }) {
    return { status: 200, body: eligibility(body, rt.policy) };
  },
});
