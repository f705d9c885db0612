import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type PRODUCT_METRICS } from './metric-names.ts';

type ProductMetric = (typeof PRODUCT_METRICS)[keyof typeof PRODUCT_METRICS];

let metrics: Metrics | undefined;

/**
 * Records one of the product's metrics in CloudWatch's embedded metric format (Powertools writes it to stdout,
 * CloudWatch Logs turns it into the metric the alarms watch). Built on first use, so the embedded hosting's
 * `POWERTOOLS_METRICS_DISABLED` (set by infra/local/stack.ts: there is no CloudWatch there) is read in time.
 */
export function recordMetric(name: ProductMetric, value: number): void {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'retireone' });
  metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
}
