import pino from 'pino';
import { maskAccountNo, maskContact, maskIdNumber, maskName, maskPhone } from '../domain/mask.ts';

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

function maskDeep(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // Errors are serialized by pino; their `name` is a class name, not a person's.
    if (k === 'err' || k === 'error') {
      out[k] = v;
      continue;
    }
    const mask = MASKERS[k];
    out[k] = mask && typeof v === 'string' ? mask(v) : maskDeep(v, depth + 1);
  }
  return out;
}

/** `destination` is for tests; production logs go to stdout (CloudWatch on AWS). */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'retireone' },
    redact: { paths: ['token', 'taskToken', '*.taskToken', 'headers.authorization', 'authorization'], censor: '[redacted]' },
    formatters: { log: (obj) => maskDeep(obj) as Record<string, unknown> },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();
