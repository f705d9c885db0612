import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDevMode } from '../../../infra/local/dev-mode.ts';

describe('DEV_MODE', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
    [undefined, false],
  ])('%s → %s', (value, on) => {
    expect(parseDevMode(value)).toBe(on);
  });

  it.each(['', 'TRUE', 'True', 'yes', 'on', 'no', 'off', ' true', 'true ', '2'])('%j stops the start, saying what is allowed', (value) => {
    expect(() => parseDevMode(value)).toThrow(/DEV_MODE must be "true" or "1" .* "false" or "0"/);
  });
});

describe('npm start with an unknown DEV_MODE', () => {
  it('exits at once with the message, before starting anything', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'retireone-devmode-'));
    const run = spawnSync(process.execPath, ['infra/local/start.ts'], {
      cwd: new URL('../../..', import.meta.url).pathname,
      env: { ...process.env, DEV_MODE: 'yes', PORT: '0', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 30_000,
    });
    rmSync(dataDir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/does not start: DEV_MODE must be/);
    expect(run.stdout).not.toMatch(/listening/);
  });
});
