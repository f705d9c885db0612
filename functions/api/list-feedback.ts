import { InvalidCursor } from '../adapters/feedback-store.ts';
import { maskContact, maskNumbersInText } from '../domain/mask.ts';
import { httpHandler } from './http/handler.ts';
import { HttpProblem } from './http/problem.ts';
import { FEEDBACK_AUDIT_TRAIL, operations } from './routes.ts';

const DEFAULT_LIMIT = 20;

/**
 * Staff read the 办不成事 messages, newest first. Contacts and the senders' ID numbers are masked: reading the
 * list is a look at personal data, so each read is on the FEEDBACK audit trail.
 */
export const handler = httpHandler(operations.listFeedback, {
  async handle({ query, principal, requestId, rt }) {
    let page: Awaited<ReturnType<typeof rt.feedback.page>>;
    try {
      page = await rt.feedback.page(query.limit ?? DEFAULT_LIMIT, query.cursor);
    } catch (err) {
      if (!(err instanceof InvalidCursor)) throw err;
      throw new HttpProblem(400, 'Invalid request', 'The cursor is not one this API gave.', [{ path: 'cursor', message: 'is not a cursor this API gave' }]);
    }
    await rt.audit.record(FEEDBACK_AUDIT_TRAIL, {
      at: rt.clock.now().toISOString(),
      requestId,
      actor: principal!.subject,
      role: principal!.role,
      action: 'list-feedback',
    });
    return {
      status: 200,
      body: {
        feedback: page.items.map((f) => ({
          feedbackId: f.feedbackId,
          receivedAt: f.receivedAt,
          ...(f.caseNumber ? { caseNumber: f.caseNumber } : {}),
          text: f.text,
          ...(f.contact ? { contact: maskContact(f.contact) } : {}),
          ...(f.from ? { from: { role: f.from.role, actor: maskNumbersInText(f.from.subject) } } : {}),
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
    };
  },
});
