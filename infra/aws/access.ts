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

/** Handlers under functions/steps/, by module. Steps write their own case's items. */
export const STEP_ACCESS: Readonly<Record<string, Access>> = {
  // Resumes itself when the person already acted before the token was stored.
  'await-signal': { table: 'write', workflow: ['respond'] },
  'expire-case': { table: 'write' },
  'pre-review': { table: 'write' },
  'check-hr': { table: 'write' },
  'check-tax': { table: 'write' },
  'check-medical': { table: 'write' },
  'check-housing-fund': { table: 'write' },
  'record-unavailable': { table: 'write' },
  decide: { table: 'write' },
  seal: { table: 'write', documents: 'write', pki: true, sign: true },
  notify: { table: 'write' },
  'mark-needs-attention': { table: 'write' },
};

/**
 * Handlers under functions/webhooks/, by module: the webhook dispatch (infra/aws/webhooks.ts). They touch
 * only the webhook items and the cursors, never a case itself (they read cases from the stream's images).
 */
export const WEBHOOK_ACCESS: Readonly<Record<string, Access>> = {
  'enqueue-from-stream': { webhooks: 'enqueue' },
  'deliver-on-schedule': { webhooks: 'deliver' },
};
