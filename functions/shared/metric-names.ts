/**
 * The product's own CloudWatch metrics, named once: the functions that emit them and the alarms that watch them
 * (infra/aws/alarms.ts) read these constants, so a renamed metric cannot leave an alarm watching nothing.
 */
export const METRICS_NAMESPACE = 'RetireOne';

export const PRODUCT_METRICS = {
  /** A case whose workflow step failed after its retries (status NEEDS_ATTENTION); emitted by mark-needs-attention. */
  casesNeedingAttention: 'CasesNeedingAttention',
  /** Overdue alerts one deadline sweep raised (cases newly past their promised date); emitted by every sweep, 0 included. */
  casesOverdue: 'CasesOverdue',
  /** Webhook deliveries due and not yet delivered when the delivery run ended. */
  webhookBacklog: 'WebhookDeliveriesPending',
  /** Text messages waiting in the outbox when the drain run ended. */
  smsBacklog: 'SmsPending',
} as const;
