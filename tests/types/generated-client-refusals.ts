/**
 * Type-level test, checked by `tsc -p tests/tsconfig.json` (npm run typecheck / lint; never run): the types
 * openapi-typescript generates from the document (tests/support/api-types.d.ts) refuse the request shapes the
 * server refuses with 400, because those rules are discriminated unions (oneOf + discriminator), not if/then.
 * Each `@ts-expect-error` must meet an error; if the generated types ever accept the shape, tsc fails here.
 */
import type createClient from 'openapi-fetch';
import type { components, paths } from '../support/api-types.d.ts';

type Schemas = components['schemas'];
type Booking = Schemas['BookingRequest'];
type Eligibility = Schemas['EligibilityRequest'];
type DevToken = Schemas['DevTokenRequest'];

const person = { idNumber: '441900196610120130', name: '陈志明', phone: '13810102947' } as const;

// A window booking needs its slot; an online one does not.
export const online: Booking = { ...person, channel: 'online' };
export const window: Booking = { ...person, channel: 'window', slotId: 'dg-nancheng_20261125_0900' };
// @ts-expect-error a window booking without slotId
export const windowWithoutSlot: Booking = { ...person, channel: 'window' };
// @ts-expect-error a channel that does not exist
export const byFax: Booking = { ...person, channel: 'fax' };

// Women give 50 or 55; men 60 or nothing.
export const woman: Eligibility = { gender: 'female', birthDate: '1971-08-03', originalRetirementAge: 55 };
export const man: Eligibility = { gender: 'male', birthDate: '1966-10-12' };
export const manWith60: Eligibility = { gender: 'male', birthDate: '1966-10-12', originalRetirementAge: 60 };
// @ts-expect-error a woman without originalRetirementAge
export const womanWithoutAge: Eligibility = { gender: 'female', birthDate: '1971-08-03' };
// @ts-expect-error a woman with 60
export const womanWith60: Eligibility = { gender: 'female', birthDate: '1971-08-03', originalRetirementAge: 60 };
// @ts-expect-error a man with 55
export const manWith55: Eligibility = { gender: 'male', birthDate: '1966-10-12', originalRetirementAge: 55 };

// A citizen token speaks for one ID number; staff and platform tokens need none.
export const citizen: DevToken = { role: 'citizen', idNumber: person.idNumber };
export const supervisor: DevToken = { role: 'supervisor', name: '科长甲', staffId: 'S001' };
// @ts-expect-error a citizen token without idNumber
export const anonymousCitizen: DevToken = { role: 'citizen' };

/** The same through openapi-fetch, as a platform team calls: the request bodies are the generated types. */
export function refusedCalls(api: ReturnType<typeof createClient<paths>>) {
  const key = { header: { 'Idempotency-Key': 'k' } };
  // @ts-expect-error a window booking without slotId
  api.POST('/v1/bookings', { params: key, body: { ...person, channel: 'window' } });
  // @ts-expect-error a woman without originalRetirementAge
  api.POST('/v1/eligibility/retirement', { body: { gender: 'female', birthDate: '1971-08-03' } });
  // @ts-expect-error a citizen token without idNumber
  api.POST('/v1/dev/tokens', { body: { role: 'citizen' } });
}
