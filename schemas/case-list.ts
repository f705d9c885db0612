import { z } from 'zod';
import { CaseStatus, Decision } from './case.ts';
import { CaseNumber, Instant } from './common.ts';
import { InvitationView } from './invitation.ts';

/** One of the caller's cases, as `GET /v1/cases` lists it: enough to find it again, nothing more. */
export const CaseSummary = z
  .strictObject({
    caseNumber: CaseNumber,
    status: CaseStatus,
    decision: Decision.optional(),
    createdAt: Instant.meta({ description: 'When the case was booked.' }),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

/** GET /v1/cases: the calling citizen's own cases, newest first (and their own invitation, when its reference was given). */
export const CaseList = z
  .strictObject({
    cases: z.array(CaseSummary),
    invitation: InvitationView.optional().meta({ description: 'Only when asked with `invitation`, and the reference is the caller’s own invitation.' }),
  })
  .meta({ id: 'CaseList' });
export type CaseList = z.infer<typeof CaseList>;
