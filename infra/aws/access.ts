import { ROUTES } from '../../functions/api/routes.ts';
import type { Access } from '../../functions/shared/access.ts';

/*
 * What each Lambda may touch, decided per handler module (least privilege; the grants are described in
 * functions/shared/access.ts). A module missing here fails the synth on purpose: a new function's
 * permissions are a decision, not a default.
 */
export type { Access };

/** Handlers under functions/api/, by module: declared with each route in functions/api/routes.ts. */
export const API_ACCESS: Readonly<Record<string, Access>> = Object.fromEntries(ROUTES.filter((r) => !r.devOnly).map((r) => [r.module, r.access]));

/**
 * Handlers under functions/steps/, by module. Steps write their own case's items (`CASE#`); those that end a
 * case free the person's open-case lock (`PERSON#`); completion counts into the dashboard's totals (`STATS#`);
 * the seal claims a case's papers in the case's own items (`CASE#`) and records documents (`DOC#`); a step that
 * moves the case to a stage the citizen hears of leaves the text message in the same write (`SMS#`,
 * functions/notifications/pending-sms.ts); the checks call the departments (`departments: 'call'`: the signing
 * key). The embedded stack checks every write against these (infra/local/write-footprint.ts, after each
 * integration test).
 */
export const STEP_ACCESS: Readonly<Record<string, Access>> = {
  // Resumes itself when the person already acted before the token was stored.
  'await-signal': { table: 'read', writes: ['CASE#'], workflow: ['respond'] },
  'expire-case': { table: 'read', writes: ['CASE#', 'PERSON#'] },
  // Hands the checks and Decide the case as it left it, sealed (functions/steps/case-snapshot.ts); they open it.
  'pre-review': { table: 'read', writes: ['CASE#', 'SMS#'], snapshots: 'seal' },
  'check-hr': { table: 'read', writes: ['CASE#'], departments: 'call', snapshots: 'open' },
  'check-tax': { table: 'read', writes: ['CASE#'], departments: 'call', snapshots: 'open' },
  'check-medical': { table: 'read', writes: ['CASE#'], departments: 'call', snapshots: 'open' },
  'check-housing-fund': { table: 'read', writes: ['CASE#'], departments: 'call', snapshots: 'open' },
  // 卫健: reads the case, writes only its own answer on it (where the city does not take part, nothing at all).
  'check-health': { table: 'read', writes: ['CASE#'], departments: 'call', snapshots: 'open' },
  'record-unavailable': { table: 'read', writes: ['CASE#'] },
  decide: { table: 'read', writes: ['CASE#', 'SMS#'], snapshots: 'open' },
  // The seal completes the case with its papers (complete-case.ts): the lock, the totals and the citizen's message too.
  seal: { table: 'read', writes: ['CASE#', 'DOC#', 'PERSON#', 'STATS#', 'SMS#'], documents: 'write', pki: true, sign: true },
  notify: { table: 'read', writes: ['CASE#', 'PERSON#', 'STATS#', 'SMS#'] },
  'mark-needs-attention': { table: 'read', writes: ['CASE#'] },
};

/**
 * Handlers under functions/webhooks/, by module: the webhook dispatch (infra/aws/webhooks.ts). They touch
 * only the webhook items and the cursors, never a case itself (they read cases from the stream's images).
 */
export const WEBHOOK_ACCESS: Readonly<Record<string, Access>> = {
  'enqueue-from-stream': { webhooks: 'enqueue' },
  'deliver-on-schedule': { webhooks: 'deliver', secrets: 'open' },
};

/**
 * Handlers under functions/sms/, by module: the text-message job (infra/aws/sms-dispatch.ts). It writes only
 * message items (`SMS#`: invitations and reminders put once, claims and sent marks) and, of a case, only the
 * `timeline` attribute (the 已短信通知 note); `sms: 'dispatch'` adds that and the provider's permission.
 */
export const SMS_ACCESS: Readonly<Record<string, Access>> = {
  // Asks HR who retires in the months ahead (服务找人).
  'sms-on-schedule': { table: 'read', writes: ['SMS#'], sms: 'dispatch', departments: 'call' },
};

/** Handlers under functions/sla/, by module: the deadline sweep's schedule (infra/aws/deadline-sweep.ts). */
export const SLA_ACCESS: Readonly<Record<string, Access>> = {
  'sweep-on-schedule': { deadlines: 'sweep' },
};
