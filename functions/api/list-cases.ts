import { httpHandler } from './http/handler.ts';
import { ownInvitation } from './own-invitation.ts';
import { operations } from './routes.ts';

/** The citizen's own cases, found by the ID number their token carries (never one the request names). */
export const handler = httpHandler(operations.listCases, {
  async handle({ principal, query, rt }) {
    const idNumber = principal!.idNumber!;
    const [cases, invitation] = await Promise.all([
      rt.personCases.listFor(idNumber),
      query.invitation ? ownInvitation(rt, idNumber, query.invitation) : undefined,
    ]);
    return {
      status: 200,
      body: {
        cases: cases.map(({ caseNumber, status, decision, createdAt }) => ({ caseNumber, status, ...(decision ? { decision } : {}), createdAt })),
        ...(invitation ? { invitation } : {}),
      },
    };
  },
});
