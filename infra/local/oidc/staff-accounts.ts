import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const StaffAccount = z.strictObject({
  staffId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  name: z.string().min(1).max(50),
  role: z.enum(['pre-review', 'supervisor']),
  password: z.string().min(8),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

export interface StaffDirectory {
  /** The account when staffId and password match, else undefined (same time either way). */
  check(staffId: string, password: string): StaffAccount | undefined;
  find(staffId: string): StaffAccount | undefined;
  /** Demo accounts generated at this start (dev mode without STAFF_ACCOUNTS), to print once; else empty. */
  generated: readonly StaffAccount[];
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function directory(accounts: StaffAccount[], generated: StaffAccount[]): StaffDirectory {
  const byId = new Map(accounts.map((a) => [a.staffId, a]));
  return {
    check(staffId, password) {
      const account = byId.get(staffId);
      // Compare digests so the comparison takes the same time whatever the lengths, known id or not.
      const same = timingSafeEqual(digest(account?.password ?? randomBytes(16).toString('hex')), digest(password));
      return account && same ? account : undefined;
    },
    find: (staffId) => byId.get(staffId),
    generated,
  };
}

/**
 * Staff who may sign in at the embedded provider: `STAFF_ACCOUNTS` (JSON `[{staffId,name,role,password}]`).
 * Unset in dev mode: two demo accounts with passwords made up now (printed once at start, never stored),
 * so no password of ours is ever committed. Unset outside dev mode: nobody (the console cannot be used).
 */
export function staffDirectory(env: NodeJS.ProcessEnv, devMode: boolean): StaffDirectory {
  const raw = env.STAFF_ACCOUNTS?.trim();
  if (raw) {
    const accounts = z.array(StaffAccount).parse(JSON.parse(raw));
    return directory(accounts, []);
  }
  if (!devMode) return directory([], []);
  const password = () => randomBytes(9).toString('base64url');
  const demo: StaffAccount[] = [
    { staffId: 'demo-pre-review', name: '预审员（演示）', role: 'pre-review', password: password() },
    { staffId: 'demo-supervisor', name: '审核主管（演示）', role: 'supervisor', password: password() },
  ];
  return directory(demo, demo);
}
