import { afterAll, beforeAll, it, expect } from 'vitest';
import { startTestStack, type TestStack } from './harness.ts';
function mod112(f: string) { let s = 0; for (let i = 0; i < 17; i++) s += Number(f[i]) * (2 ** (17 - i) % 11); return '10X98765432'[s % 11]; }
let seq = 1;
const id = () => { const f = `4419001970${String((seq%12)+1).padStart(2,'0')}${String((seq%28)+1).padStart(2,'0')}${String(seq++).padStart(3,'0')}`; return f + mod112(f); };
let stack: TestStack; let platform: string;
beforeAll(async () => { stack = await startTestStack(); platform = await stack.client.token('platform'); });
afterAll(() => stack?.close());
it('stress', async () => {
  for (let round = 0; round < 3; round++) {
    const p = id();
    const r = await Promise.all(Array.from({ length: 60 }, () => stack.client.post('/v1/bookings', { idNumber: p, name: 'x', phone: '13900000001', channel: 'online' }, platform, { 'Idempotency-Key': crypto.randomUUID() })));
    const counts: Record<number, number> = {}; for (const x of r) counts[x.status] = (counts[x.status] ?? 0) + 1;
    console.log('same person 60', JSON.stringify(counts), JSON.stringify(r.find(x=>x.status>=500)?.body));
    const slot = `dg-songshanhu_2026112${5+round}_0900`;
    const r2 = await Promise.all(Array.from({ length: 40 }, () => stack.client.post('/v1/bookings', { idNumber: id(), name: 'x', phone: '13900000001', channel: 'window', slotId: slot }, platform)));
    const c2: Record<number, number> = {}; for (const x of r2) c2[x.status] = (c2[x.status] ?? 0) + 1;
    console.log('slot cap 2, 40 people', JSON.stringify(c2), JSON.stringify(r2.find(x=>x.status>=500)?.body));
  }
}, 120000);
