import type middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { withCorrelationId } from './correlation.ts';
import { logger } from './logger.ts';
import { productMetrics } from './metrics.ts';

let tracer: Tracer | undefined;
type AwsClient = Parameters<Tracer['captureAWSv3Client']>[0];
/** Clients made before the Tracer was built (at import, or by a cold start's first lines): traced once it is. */
const awaitingTracer: AwsClient[] = [];

/**
 * Powertools' own switch, read here too because switched off the Tracer package must not even be loaded: it loads
 * the X-Ray SDK, whose cls-hooked enables an async hook with destroy tracking for every promise of the process,
 * traced or not. Measured on 2026-12-07 (Node 24): 300 000 awaited promises took 17 ms before the import, 210 ms
 * after it. `tests/unit/shared/tracer-off.test.ts` keeps the package unloaded.
 */
const tracingSwitchedOff = () => process.env.POWERTOOLS_TRACE_ENABLED === 'false';

/**
 * Built on first use, not at import: the embedded hosting sets `POWERTOOLS_TRACE_ENABLED=false` when it starts,
 * after the handler modules were imported (outside Lambda the Tracer would stay off anyway; the switch says so).
 * Undefined when tracing is switched off.
 */
async function productTracer(): Promise<Tracer | undefined> {
  if (!tracer) {
    if (tracingSwitchedOff()) {
      awaitingTracer.length = 0;
      return undefined;
    }
    const { Tracer } = await import('@aws-lambda-powertools/tracer');
    tracer = new Tracer({ serviceName: 'retireone' });
    for (const client of awaitingTracer.splice(0)) tracer.captureAWSv3Client(client);
  }
  return tracer;
}

/**
 * An AWS SDK client whose calls become X-Ray subsegments of the invocation (DynamoDB, S3, Step Functions, KMS,
 * Secrets Manager, SNS), so a slow step shows which call was slow. Outside Lambda, and when
 * `POWERTOOLS_TRACE_ENABLED=false`, the client stays as it is.
 */
export function traced<C>(client: C): C {
  if (tracer) tracer.captureAWSv3Client(client as AwsClient);
  else if (!tracingSwitchedOff()) awaitingTracer.push(client as AwsClient);
  return client;
}

type Middleware = middy.MiddlewareObj<unknown, unknown, Error, Context>;

/** Delegates to a middleware made on first use, so that it reads the environment of the hosting that runs it. */
function lazy(make: () => Promise<Middleware>): Middleware {
  let made: Promise<Middleware> | undefined;
  const get = () => (made ??= make());
  return {
    before: async (request) => (await get()).before?.(request),
    after: async (request) => (await get()).after?.(request),
    onError: async (request) => (await get()).onError?.(request),
  };
}

/** The Lambda context into the Logger's fields (function name, request id, cold start), where there is one. */
const loggerContext: Middleware = (() => {
  const inner = injectLambdaContext(logger.powertools) as unknown as Middleware;
  return {
    before: (request) => (request.context?.functionName ? inner.before?.(request) : undefined),
    after: (request) => inner.after?.(request),
    onError: (request) => inner.onError?.(request),
  };
})();

/**
 * Metrics written once per invocation: the cold-start count on a container's first one, and whatever a handler
 * stored. Not Powertools' logMetrics: that warns "No application metrics to publish" on every quiet invocation.
 */
const metricsFlush: Middleware = (() => {
  let coldStart = true;
  const flush = () => {
    const metrics = productMetrics();
    if (coldStart) {
      coldStart = false;
      metrics.captureColdStartMetric();
    }
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
})();

/** Powertools Logger, Tracer and Metrics for one handler, as middy middleware (outermost first). */
export function powertools(): Middleware[] {
  return [
    loggerContext,
    lazy(async () => {
      const on = await productTracer();
      return on ? (captureLambdaHandler(on) as unknown as Middleware) : {};
    }),
    metricsFlush,
  ];
}

/**
 * The handler run inside its correlation id (functions/shared/correlation.ts): every log line it writes and every
 * department call it makes carry that id.
 */
export function withCorrelation<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  correlationOf: (event: E, context: Context | undefined) => string,
): (event: E, context: Context) => Promise<R> {
  return (event, context) => withCorrelationId(correlationOf(event, context), () => handler(event, context));
}

/**
 * A handler no API request starts (a schedule, a stream): Powertools Logger, Tracer and Metrics, and its invocation's
 * own id as correlation id, so its lines can be told from each other's.
 */
export function observed<E, R>(handler: middy.MiddyfiedHandler<E, R, Error, Context>): (event: E, context: Context) => Promise<R> {
  return withCorrelation(handler.use(powertools() as never), (_event, context) => context?.awsRequestId ?? randomUUID());
}
