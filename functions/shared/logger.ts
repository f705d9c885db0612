import { Logger, LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { maskAccountNo, maskContact, maskIdNumber, maskName, maskNumbersInText, maskPhone } from '../domain/mask.ts';
import { currentCorrelationId } from './correlation.ts';

/**
 * Structured logs with personal data masked at the source: any field with one of these names is
 * masked wherever it sits, so a careless `log.info({ application })` cannot leak an ID number.
 */
const MASKERS: Partial<Record<string, (v: string) => string>> = {
  idNumber: maskIdNumber,
  name: maskName,
  phone: maskPhone,
  accountNo: maskAccountNo,
  address: () => '***',
  // 办不成事 feedback: a phone number or an email address.
  contact: maskContact,
};

/** Never logged at all: bearer tokens and task tokens let whoever reads them act. */
const REDACTED = new Set(['token', 'taskToken', 'authorization']);

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskNumbersInText(value);
  // Errors keep their class: the formatter's formatError (below) masks their text when they are written.
  if (depth > 6 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (REDACTED.has(k)) {
      out[k] = '[redacted]';
      continue;
    }
    const mask = MASKERS[k];
    out[k] = mask && typeof v === 'string' ? mask(v) : maskDeep(v, depth + 1);
  }
  return out;
}

/**
 * Powertools' own record (level, message, timestamp, service, the Lambda context, the X-Ray trace id), then the
 * product's fields masked, and the journey's correlation id on every line (functions/shared/correlation.ts).
 */
export class MaskingLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const base = {
      level: attributes.logLevel,
      message: maskNumbersInText(attributes.message),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      correlation_id: currentCorrelationId(),
      cold_start: attributes.lambdaContext?.coldStart,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      xray_trace_id: attributes.xRayTraceId,
    };
    return new LogItem({ attributes: base }).addAttributes(maskDeep(additional) as LogAttributes);
  }

  /** An error's message and stack may quote what failed ("no record for 4419…"): masked like free text. */
  override formatError(error: Error): LogAttributes {
    const formatted = super.formatError(error);
    return maskDeep(formatted) as LogAttributes;
  }
}

type Fields = Record<string, unknown>;

/** The product's logging calls: fields first, then the message (one shape for every handler and the local hosting). */
export interface ProductLogger {
  debug(fields: Fields, message: string): void;
  info(fields: Fields, message: string): void;
  warn(fields: Fields, message: string): void;
  error(fields: Fields, message: string): void;
  /** The Powertools Logger underneath, for its middy middleware (functions/shared/observability.ts). */
  readonly powertools: Logger;
}

/** Production logs go to stdout (CloudWatch on AWS); Powertools Logger works the same outside Lambda. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): ProductLogger {
  const powertools = new Logger({
    serviceName: 'retireone',
    logLevel: level.toUpperCase() as 'INFO',
    logFormatter: new MaskingLogFormatter(),
  });
  return {
    powertools,
    debug: (fields, message) => powertools.debug(message, fields),
    info: (fields, message) => powertools.info(message, fields),
    warn: (fields, message) => powertools.warn(message, fields),
    error: (fields, message) => powertools.error(message, fields),
  };
}

export const logger = createLogger();
