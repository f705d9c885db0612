import { z } from 'zod';
import { CaseNumber, Instant, Text } from './common.ts';

/** Mainland mobile number (as `Phone`) or an email address: how staff may answer the person. */
const PHONE = /^1\d{10}$/;
const Email = z.email();
export const Contact = z
  .string()
  .trim()
  .max(254)
  .refine((v) => PHONE.test(v) || Email.safeParse(v).success, 'must be an 11-digit mobile number or an email address')
  .meta({ description: 'An 11-digit mobile number or an email address. Personal data: shown masked to staff.', example: '13810102947' });

/** POST /v1/feedback: the 办不成事 ("could not get it done") channel, open to citizens and to anyone without a token. */
export const FeedbackRequest = z
  .strictObject({
    caseNumber: CaseNumber.optional().meta({ description: 'The case it is about, if any. Not checked against the caller: anyone may name one.' }),
    text: Text({ max: 2000 }),
    contact: Contact.optional(),
  })
  .meta({ id: 'FeedbackRequest' });
export type FeedbackRequest = z.infer<typeof FeedbackRequest>;

export const FeedbackCreated = z.strictObject({ feedbackId: z.string().regex(/^fb_[0-9a-f]{24}$/) }).meta({ id: 'FeedbackCreated' });

export const FeedbackItem = z
  .strictObject({
    feedbackId: z.string(),
    receivedAt: Instant,
    caseNumber: CaseNumber.optional(),
    text: z.string(),
    contact: z.string().optional().meta({ description: 'Masked: 138****2947, c***@example.com.' }),
    from: z
      .strictObject({ role: z.string(), actor: z.string().meta({ description: 'Who sent it, ID numbers masked.' }) })
      .optional()
      .meta({ description: 'Absent when sent without a token.' }),
  })
  .meta({ id: 'FeedbackItem' });
export type FeedbackItem = z.infer<typeof FeedbackItem>;

export const FeedbackList = z
  .strictObject({
    feedback: z.array(FeedbackItem).meta({ description: 'Newest first.' }),
    nextCursor: z.string().optional().meta({ description: 'Present when there is more: send it as `cursor` for the next page.' }),
  })
  .meta({ id: 'FeedbackList' });

const CURSOR = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1024}$/, 'is not a cursor this API gave')
  .optional()
  .meta({ description: 'The `nextCursor` of the page before.' });

/** Query strings are text: the handler takes `limit` as digits; the document states the wire shape below. */
export const FeedbackListQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.int().min(1, 'must be from 1 to 100').max(100, 'must be from 1 to 100'))
    .optional(),
  cursor: CURSOR,
});
export const FeedbackListQueryWire = z.strictObject({
  limit: z.int().min(1).max(100).optional().meta({ description: 'Items per page, 1–100; default 20.' }),
  cursor: CURSOR,
});
