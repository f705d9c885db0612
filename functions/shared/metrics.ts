import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type PRODUCT_METRICS } from './metric-names.ts';

type ProductMetric = (typeof PRODUCT_METRICS)[keyof typeof PRODUCT_METRICS];

let metrics: Metrics | undefined;

/**
 * The product's one Metrics instance, built on first use, so the embedded hosting's `POWERTOOLS_METRICS_DISABLED`
 * (set by infra/local/stack.ts: there is no CloudWatch there) is read in time. The handler wrappers' middleware
 * (functions/shared/observability.ts) flushes it after each invocation.
 */
export function productMetrics(): Metrics {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'retireone' });
  return metrics;
}

/**
 * Records one of the product's metrics in CloudWatch's embedded metric format (Powertools writes it to stdout,
 * CloudWatch Logs turns it into the metric the alarms watch), at once: it is also called outside any handler
 * (the embedded hosting's loops).
 */
export function recordMetric(name: ProductMetric, value: number): void {
  const m = productMetrics();
  m.addMetric(name, MetricUnit.Count, value);
  m.publishStoredMetrics();
}
