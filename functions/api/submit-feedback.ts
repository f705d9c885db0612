import { randomBytes } from 'node:crypto';
import { logger } from '../shared/logger.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/**
 * The 办不成事 channel: anyone may say what they could not get done, with or without a token. A signed-in
 * caller is recorded as who wrote it; the case number, if given, is kept as written (it is not checked against
 * the caller, so it tells nobody whether that case exists).
 */
export const handler = httpHandler(operations.submitFeedback, {
  async handle({ body, principal, rt }) {
    const feedbackId = `fb_${randomBytes(12).toString('hex')}`;
    await rt.feedback.add({
      feedbackId,
      receivedAt: rt.clock.now().toISOString(),
      text: body.text,
      ...(body.caseNumber ? { caseNumber: body.caseNumber } : {}),
      ...(body.contact ? { contact: body.contact } : {}),
      ...(principal ? { from: { role: principal.role, subject: principal.subject } } : {}),
    });
    // `contact` is masked by the logger wherever it sits.
    logger.info({ feedbackId, caseNumber: body.caseNumber, contact: body.contact, signedIn: Boolean(principal) }, 'feedback received');
    return { status: 201, body: { feedbackId } };
  },
});
