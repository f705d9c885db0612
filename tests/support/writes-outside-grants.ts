import { API_ACCESS, SMS_ACCESS, STEP_ACCESS, type Access } from '../../infra/aws/access.ts';
import { ROUTES } from '../../functions/api/routes.ts';

/** Partition-key prefixes a read tier may still write (functions/shared/access.ts). */
const TIER_WRITES: Record<string, readonly string[]> = { 'read-audit': ['AUDIT#'], 'read-probe': ['HEALTH#'] };
const DEV_ONLY = new Set(ROUTES.filter((r) => r.devOnly).map((r) => `api/${r.module}`));

function accessOf(fn: string): Access | undefined {
  const [kind, module] = fn.split('/') as [string, string];
  if (kind === 'api') return API_ACCESS[module];
  if (kind === 'steps') return STEP_ACCESS[module];
  if (kind === 'sms') return SMS_ACCESS[module];
  return undefined;
}

function mayWrite(access: Access, prefix: string): boolean {
  // A key's use (infra/local/write-footprint.ts watchBox): `key:<grant>:<use>`, e.g. key:snapshots:open.
  const [kind, grant, use] = prefix.split(':');
  if (kind === 'key') return (access as Record<string, unknown>)[grant ?? ''] === use;
  if (access.table === 'write') return true;
  return (TIER_WRITES[access.table ?? ''] ?? []).includes(prefix) || (access.writes ?? []).includes(prefix);
}

/**
 * Writes (and uses of a key) the embedded stack saw that the function's AWS role would be refused (infra/aws/access.ts),
 * as `fn wrote PREFIX`. Dev-only routes are never deployed and have no role.
 */
export function writesOutsideGrants(footprint: [string, string[]][]): string[] {
  return footprint
    .filter(([fn]) => !DEV_ONLY.has(fn))
    .flatMap(([fn, prefixes]) => {
      const access = accessOf(fn);
      if (!access) return [`${fn} has no declared access`];
      return prefixes.filter((p) => !mayWrite(access, p)).map((p) => `${fn} ${p.startsWith('key:') ? 'used' : 'wrote'} ${p}`);
    });
}
