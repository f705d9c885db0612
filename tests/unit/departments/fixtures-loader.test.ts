import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFixturesPath, loadFixtures } from '../../../infra/local/fixtures-loader.ts';

const dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const demoRaw = JSON.parse(readFileSync(defaultFixturesPath({}), 'utf8')) as { citizens: Array<Record<string, any>> };
const first = demoRaw.citizens[0] as Record<string, any>;

function write(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('fixtures loader', () => {
  it('loads the demo file keyed by ID number', () => {
    const demo = loadFixtures(defaultFixturesPath({}));
    expect(demo.size).toBe(demoRaw.citizens.length);
    for (const [id, r] of demo) expect(r.idNumber).toBe(id);
  });

  it('DEPARTMENT_FIXTURES overrides the default path', () => {
    expect(defaultFixturesPath({ DEPARTMENT_FIXTURES: 'x/y.json' })).toBe(resolve('x/y.json'));
    expect(defaultFixturesPath({})).toMatch(/fixtures\/citizens\.json$/);
  });

  it('accepts a person without a housing fund account ({ status: "none" }, fixtures README)', () => {
    const p = write('no-fund.json', { version: 1, citizens: [{ ...first, housingFund: { status: 'none' } }] });
    expect(loadFixtures(p).get(first.idNumber)?.housingFund).toEqual({ status: 'none' });
  });

  it('keeps fields it does not know (departments may add fields)', () => {
    const p = write('extra.json', { version: 1, citizens: [{ ...first, hr: { ...first.hr, newField: 1 } }] });
    expect(loadFixtures(p).size).toBe(1);
  });

  it.each([
    {
      name: 'bad-age.json',
      content: { version: 1, citizens: [{ ...first, hr: { ...first.hr, originalRetirementAge: 45 } }] },
      field: 'citizens[0].hr.originalRetirementAge',
    },
    { name: 'no-tax.json', content: { version: 1, citizens: [{ ...first, tax: undefined }] }, field: 'citizens[0].tax' },
    { name: 'version.json', content: { version: 2, citizens: [] }, field: 'version' },
    { name: 'dup.json', content: { version: 1, citizens: [first, first] }, field: 'citizens[1].idNumber' },
    { name: 'broken.json', content: '{"version": 1,', field: 'not valid JSON' },
  ])('$name is refused, naming the file and "$field"', ({ name, content, field }) => {
    const p = write(name, content);
    expect(() => loadFixtures(p)).toThrow(p);
    expect(() => loadFixtures(p)).toThrow(field);
  });

  it('a missing file names the path', () => {
    expect(() => loadFixtures(join(dir, 'nope.json'))).toThrow(join(dir, 'nope.json'));
  });
});
