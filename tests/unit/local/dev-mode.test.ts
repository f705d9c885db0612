import { describe, expect, it } from 'vitest';
import { devModeWarning, parseDevMode } from '../../../infra/local/dev-mode.ts';

describe('DEV_MODE', () => {
  it('is on for exactly "true"', () => {
    expect(parseDevMode('true')).toBe(true);
  });

  it.each([undefined, 'false', '0', '1', '', 'TRUE', 'True', 'yes', 'on', ' true', 'true '])('%j is off', (value) => {
    expect(parseDevMode(value)).toBe(false);
  });

  it.each(['0', '1', 'TRUE', 'yes', ''])('%j is off with a warning naming the value', (value) => {
    expect(devModeWarning(value)).toContain(`DEV_MODE=${JSON.stringify(value)}`);
  });

  it.each([undefined, 'true', 'false'])('%j needs no warning', (value) => {
    expect(devModeWarning(value)).toBeUndefined();
  });
});
