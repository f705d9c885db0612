import { z } from 'zod';
import { CaseNumber, Instant } from './common.ts';
import { CaseStatus, Decision } from './case.ts';

/** The events of the contract's Platform section (fixed names). */
export const WebhookEventType = z
  .enum(['case.booked', 'case.submitted', 'case.status_changed', 'case.completed', 'case.withdrawn', 'case.expired'])
  .meta({ id: 'WebhookEventType' });
export type WebhookEventType = z.infer<typeof WebhookEventType>;

export const WebhookSubscriptionRequest = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .meta({
        description: 'Where events are POSTed: https; in local dev mode also http://127.0.0.1.',
        example: 'https://platform.example.gov.cn/retireone/events',
      }),
    events: z.array(WebhookEventType).min(1).max(6).meta({ description: 'The events to receive.' }),
  })
  .meta({ id: 'WebhookSubscriptionRequest' });
export type WebhookSubscriptionRequest = z.infer<typeof WebhookSubscriptionRequest>;

export const WebhookId = z
  .string()
  .regex(/^wh_[0-9a-f]{32}$/, 'is not a webhook id')
  .meta({ example: 'wh_4f9c1b0e8a7d4c2f9e3b6a1d5c8e7f20' });

export const WebhookCreated = z
  .strictObject({
    id: WebhookId,
    secret: z
      .string()
      .regex(/^whsec_/)
      .meta({ description: 'Standard Webhooks signing secret; shown once, at creation.' }),
  })
  .meta({ id: 'WebhookCreated' });

export const WebhookSubscription = z
  .strictObject({ id: WebhookId, url: z.string(), events: z.array(WebhookEventType), createdAt: Instant })
  .meta({ id: 'WebhookSubscription' });
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

export const WebhookList = z.strictObject({ webhooks: z.array(WebhookSubscription) }).meta({ id: 'WebhookList' });

export const WebhookPathParams = z.strictObject({ id: WebhookId });

/** What a receiver gets: the case number and its status, no personal data. */
export const WebhookEventBody = z
  .strictObject({
    type: WebhookEventType,
    timestamp: Instant,
    data: z.strictObject({ caseNumber: CaseNumber, status: CaseStatus, decision: Decision.optional() }),
  })
  .meta({ id: 'WebhookEventBody' });
export type WebhookEventBody = z.infer<typeof WebhookEventBody>;
