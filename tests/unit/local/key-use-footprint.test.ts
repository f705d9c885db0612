/**
 * The embedded stack records each use of the snapshot key by the function that made it (WriteFootprint.watchBox), and
 * every integration test compares those uses with the function's AWS grants, as it does its writes: a step that opens
 * the sealed case without a grant fails the tests here rather than its first run on AWS (Decide did, once).
 */
import { describe, expect, it } from 'vitest';
import type { SecretBox } from '../../../functions/adapters/secret-box.ts';
import { asFunction } from '../../../infra/local/invocation.ts';
import { WriteFootprint } from '../../../infra/local/write-footprint.ts';
import { writesOutsideGrants } from '../../support/writes-outside-grants.ts';

const plain: SecretBox = { seal: async (text) => `sealed:${text}`, open: async (sealed) => sealed.slice('sealed:'.length) };

describe('the uses of the snapshot key, against the grants', () => {
  it('records who sealed and who opened, and passes only the uses each role is granted', async () => {
    const footprint = new WriteFootprint();
    const box = footprint.watchBox('snapshots', plain);
    const sealed = await asFunction('steps/pre-review', () => box.seal('the case', { caseNumber: 'RT1' }));
    expect(await asFunction('steps/decide', () => box.open(sealed, { caseNumber: 'RT1' }))).toBe('the case');
    await asFunction('steps/check-hr', () => box.open(sealed, { caseNumber: 'RT1' }));
    // Outside any function (the stack's own work) nothing is recorded.
    await box.open(sealed, { caseNumber: 'RT1' });

    expect(footprint.entries()).toEqual([
      ['steps/check-hr', ['key:snapshots:open']],
      ['steps/decide', ['key:snapshots:open']],
      ['steps/pre-review', ['key:snapshots:seal']],
    ]);
    expect(writesOutsideGrants(footprint.entries())).toEqual([]);
  });

  it('names a use the role is not granted', async () => {
    const footprint = new WriteFootprint();
    const box = footprint.watchBox('snapshots', plain);
    await asFunction('steps/seal', () => box.open('sealed:x', { caseNumber: 'RT1' }));
    await asFunction('steps/decide', () => box.seal('x', { caseNumber: 'RT1' }));
    expect(writesOutsideGrants(footprint.entries())).toEqual(['steps/decide used key:snapshots:seal', 'steps/seal used key:snapshots:open']);
  });
});
