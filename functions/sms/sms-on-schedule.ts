import middy from '@middy/core';
import { HttpSmsGateway } from '../adapters/http-sms-gateway.ts';
import { SnsSmsSender } from '../adapters/sns-sms-sender.ts';
import { createRetirementsClient } from '../departments/retirements.ts';
import { departmentSigningKeyFromEnvironment } from '../departments/signing-key.ts';
import type { SmsSender } from '../notifications/sms-sender.ts';
import { logger } from '../shared/logger.ts';
import { PRODUCT_METRICS } from '../shared/metric-names.ts';
import { recordMetric } from '../shared/metrics.ts';
import { runtime } from '../shared/runtime.ts';
import { drainAll } from './drain.ts';
import { inviteUpcomingRetirees } from './invite.ts';
import { remindApplicationDeadlines } from './remind-deadlines.ts';
import { observed } from '../shared/observability.ts';

/** This handler's module name (infra/aws/access.ts, infra/aws/functions.ts, the local write footprint). */
export const SMS_MODULE = 'sms-on-schedule';
/** What a scheduled run does, named in its rule's input (infra/aws/sms-dispatch.ts). */
export const SMS_JOBS = ['drain', 'daily'] as const;
export type SmsJob = (typeof SMS_JOBS)[number];
/**
 * The drain's limits, shared with infra/aws (the Lambda's timeout is derived from them): rounds start within the
 * budget, each send ends within its timeout, and a claim outlives a send so two runs never send one message at once.
 */
export const SMS_LIMITS = { budgetMs: 40_000, sendTimeoutMs: 10_000, leaseMs: 60_000, retryBaseMs: 5_000 } as const;

/** The provider CDK context chose (SMS_PROVIDER): Amazon SNS, or an HTTP gateway at SMS_GATEWAY_URL. */
export function smsSenderFromEnvironment(env: NodeJS.ProcessEnv = process.env): SmsSender {
  if (env.SMS_PROVIDER === 'http') return new HttpSmsGateway({ url: env.SMS_GATEWAY_URL ?? '', timeoutMs: SMS_LIMITS.sendTimeoutMs });
  if (env.SMS_PROVIDER === 'sns') return new SnsSmsSender({ senderId: env.SMS_SENDER_ID || undefined });
  throw new Error(`SMS_PROVIDER must be sns or http, not ${env.SMS_PROVIDER ?? '(unset)'}`);
}

/**
 * The AWS hosting of infra/local/sms-dispatcher.ts: `drain` (every minute) sends what the outbox holds; `daily`
 * writes the deadline reminders and the invitations. Every part is idempotent on the table, so an
 * invocation that is repeated or overlaps another sends nothing twice.
 */
const run = middy(async (event: { job?: string }): Promise<void> => {
  const job: SmsJob = event?.job === 'daily' ? 'daily' : 'drain';
  const rt = await runtime();
  if (job === 'daily') {
    const reminded = await remindApplicationDeadlines(rt);
    const hr = createRetirementsClient({
      baseUrl: process.env.DEPARTMENTS_BASE_URL ?? 'http://departments.invalid',
      callingSystem: 'retireone',
      signingKey: departmentSigningKeyFromEnvironment(),
    });
    const invited = await inviteUpcomingRetirees(rt, hr);
    logger.info({ reminded, ...invited }, 'daily text messages written');
    // Sent by the next minute's drain: the daily run keeps its whole timeout for HR's lists.
    return;
  }
  const sent = await drainAll(rt, smsSenderFromEnvironment(), SMS_LIMITS);
  if (sent > 0) logger.info({ sent }, 'text messages sent');
  // What is still waiting after the run: a provider that keeps refusing shows as a growing backlog (the SmsBacklog alarm).
  recordMetric(PRODUCT_METRICS.smsBacklog, await rt.outbox.pendingCount());
});

/** Powertools Logger, Tracer and Metrics around the run (functions/shared/observability.ts). */
export const handler = observed(run);
