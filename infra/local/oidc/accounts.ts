import type { CitizenRecords } from '../fixtures-loader.ts';
import type { StaffDirectory } from './staff-accounts.ts';

/** The claims the API reads (functions/adapters/auth.ts), per signed-in person. */
export type PersonClaims = { role: 'citizen'; idNumber: string; name: string } | { role: 'pre-review' | 'supervisor'; staffId: string; name: string };

export interface Accounts {
  claimsFor(accountId: string): PersonClaims | undefined;
  /** The phone on record for a citizen, as the departments hold it; undefined when there is none. */
  phoneOf(idNumber: string): string | undefined;
}

export const citizenAccountId = (idNumber: string) => `citizen:${idNumber}`;
export const staffAccountId = (staffId: string) => `staff:${staffId}`;

/**
 * Who can sign in locally: citizens are the people the department stand-ins know (the same fixtures the
 * HR stand-in and the prefill answer from, so the phone a code goes to is the one on record), staff the
 * configured staff accounts.
 */
export function accountsFrom(citizens: CitizenRecords, staff: StaffDirectory): Accounts {
  return {
    claimsFor(accountId) {
      const [kind, id = ''] = accountId.split(/:(.*)/s);
      if (kind === 'citizen') {
        const person = citizens.get(id);
        return person ? { role: 'citizen', idNumber: person.idNumber, name: person.name } : undefined;
      }
      if (kind === 'staff') {
        const account = staff.find(id);
        return account ? { role: account.role, staffId: account.staffId, name: account.name } : undefined;
      }
      return undefined;
    },
    phoneOf(idNumber) {
      const phone = citizens.get(idNumber)?.phone?.trim();
      return phone && /^1\d{10}$/.test(phone) ? phone : undefined;
    },
  };
}
