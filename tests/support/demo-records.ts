import { readFileSync } from 'node:fs';
import { CitizenRecord } from '../../schemas/department-record.ts';

/** Valid people from the demo file, read without the product's loader so tests do not hinge on every entry. */
export function demoRecords(): Map<string, CitizenRecord> {
  const raw = JSON.parse(readFileSync(new URL('../../fixtures/citizens.json', import.meta.url), 'utf8')) as { citizens: unknown[] };
  const out = new Map<string, CitizenRecord>();
  for (const c of raw.citizens) {
    const r = CitizenRecord.safeParse(c);
    if (r.success) out.set(r.data.idNumber, r.data);
  }
  return out;
}
