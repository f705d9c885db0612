import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/** The citizen's own cases, found by the ID number their token carries (never one the request names). */
export const handler = httpHandler(operations.listCases, {
  async handle({ principal, rt }) {
    const cases = await rt.personCases.listFor(principal!.idNumber!);
    return {
      status: 200,
      body: { cases: cases.map(({ caseNumber, status, decision, createdAt }) => ({ caseNumber, status, ...(decision ? { decision } : {}), createdAt })) },
    };
  },
});
