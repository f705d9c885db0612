import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FixtureFile, type CitizenRecord } from '../../schemas/department-record.ts';

/** What the department stand-ins answer from, keyed by ID number. */
export type CitizenRecords = Map<string, CitizenRecord>;

/** `DEPARTMENT_FIXTURES` (relative to the working directory) if set, else the repo's demo file. */
export function defaultFixturesPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.DEPARTMENT_FIXTURES?.trim();
  if (fromEnv) return resolve(fromEnv);
  return fileURLToPath(new URL('../../fixtures/citizens.json', import.meta.url));
}

export class FixturesInvalid extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixturesInvalid';
  }
}

/**
 * Reads and validates a fixtures file. Checkers bring their own files, so every failure names the
 * file and the exact field (`citizens[3].hr.originalRetirementAge`) instead of a bare zod dump.
 */
export function loadFixtures(path: string): CitizenRecords {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FixturesInvalid(`Cannot read department fixtures file ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FixturesInvalid(`Department fixtures file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = FixtureFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 20)
      .map((i) => `  - ${formatPath(i.path) || '(root)'}: ${i.message}`)
      .join('\n');
    const more = parsed.error.issues.length > 20 ? `\n  … and ${parsed.error.issues.length - 20} more` : '';
    throw new FixturesInvalid(`Department fixtures file ${file} is invalid:\n${problems}${more}`);
  }
  const records: CitizenRecords = new Map();
  parsed.data.citizens.forEach((c, i) => {
    if (records.has(c.idNumber)) {
      throw new FixturesInvalid(`Department fixtures file ${file} is invalid:\n  - citizens[${i}].idNumber: ${c.idNumber} appears more than once`);
    }
    records.set(c.idNumber, c);
  });
  return records;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
