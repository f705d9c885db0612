import { z } from 'zod';
import { CaseNumber, Instant, Phone } from './common.ts';

/**
 * What the local SMS sink delivered (GET /v1/dev/messages, local development mode only): the embedded
 * hosting keeps text messages instead of sending them, so a person or a test reads what a phone received.
 */
export const MessageKind = z
  .enum(['booked', 'submitted', 'supplement', 'manual-review', 'decided', 'documents-ready', 'deadline-reminder', 'invitation', 'sign-in-code'])
  .meta({ id: 'MessageKind', description: 'What the message is for (the contract lets the list grow).' });
export type MessageKind = z.infer<typeof MessageKind>;

export const DevMessage = z
  .strictObject({
    to: Phone,
    text: z.string(),
    caseNumber: CaseNumber.optional().meta({ description: 'The case the message is about, where there is one (a sign-in code has none).' }),
    kind: MessageKind,
    sentAt: Instant,
  })
  .meta({ id: 'DevMessage' });
export type DevMessage = z.infer<typeof DevMessage>;

export const DevMessageList = z.strictObject({ messages: z.array(DevMessage).meta({ description: 'Oldest first.' }) }).meta({ id: 'DevMessageList' });
export type DevMessageList = z.infer<typeof DevMessageList>;

export const DevMessagesQuery = z.strictObject({ to: Phone.meta({ description: 'The phone number whose messages to read.' }) });
