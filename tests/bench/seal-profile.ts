/**
 * Sealing alone, for a profile: `node --cpu-prof --cpu-prof-dir=tmp tests/bench/seal-profile.ts` seals a
 * sample paper of every body SEALS times (default 20) and prints the mean time per paper.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevPki } from '../../functions/sealing/dev-pki.ts';
import { localSealSigner } from '../../functions/sealing/local-signer.ts';
import { sealNotice } from '../../functions/sealing/seal-pdf.ts';
import { approvedWithTopUp } from '../unit/sealing/fixtures.ts';

const SEALS = Number(process.env.SEALS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'retireone-seal-profile-'));
const signer = localSealSigner(await ensureDevPki(join(dir, 'pki')));
const notice = approvedWithTopUp;
try {
  for (let i = 0; i < 3; i++) await sealNotice(notice, signer);
  const t = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < SEALS; i++) await sealNotice(notice, signer);
  const used = process.cpuUsage(cpu);
  const perPaper = (ms: number) => Math.round((ms / SEALS) * 10) / 10;
  // CPU time as well: on a shared machine the wall time mostly measures the neighbours.
  process.stdout.write(
    `${JSON.stringify({ sealMsPerDocument: perPaper(performance.now() - t), cpuMsPerDocument: perPaper((used.user + used.system) / 1000) })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
