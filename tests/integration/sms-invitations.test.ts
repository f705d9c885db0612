/**
 * 服务找人 through the real embedded stack: the invitation job asks the HR stand-in, month by month, who reaches the
 * statutory retirement age within the policy's months ahead, and each of them gets exactly one invitation in the
 * local SMS sink — however often the job runs, two runs at once included. Someone who has booked is not invited.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../functions/domain/policy.ts';
import { statutoryRetirement } from '../../functions/domain/retirement-age.ts';
import { invitationMonths } from '../../functions/sms/invite.ts';
import { signedStandinPost } from '../support/signed-standin-call.ts';
import { DEMO_FIXTURES, startTestStack, type TestStack } from './harness.ts';

const citizens = JSON.parse(readFileSync(DEMO_FIXTURES, 'utf8')).citizens as any[];
const TODAY = '2026-11-24';
const LIN = citizens.find((c) => c.name === '林秀英'); // 2027-01, books before the job runs
const statutoryMonth = (c: any) => statutoryRetirement(c.gender, c.hr.personnelFileBirthDate, c.hr.originalRetirementAge).month;

describe('invitations (服务找人)', () => {
  let stack: TestStack;
  const inbox = async (phone: string) => (await stack.client.get(`/v1/dev/messages?to=${phone}`)).body.messages as any[];
  beforeAll(async () => {
    stack = await startTestStack({ clockToday: TODAY, smsDrainIntervalMs: 0, smsJobsIntervalMs: 0 });
  }, 120_000);
  afterAll(async () => stack?.close());

  it('the HR stand-in answers by month, as HR computes it from the personnel file, without anyone already drawing a pension', async () => {
    const retirements = (month: string) => signedStandinPost(stack, '/hr/retirements', { month });
    for (const month of ['2026-12', '2027-01', '2027-02']) {
      const res = await retirements(month);
      expect(res.status).toBe(200);
      const body = await res.json();
      const expected = citizens.filter((c) => !c.hr.receivingPension && statutoryMonth(c) === month).map((c) => c.idNumber);
      expect(body.month).toBe(month);
      expect(body.persons.map((p: any) => p.idNumber).sort()).toEqual(expected.sort());
      for (const p of body.persons) expect(p.statutoryRetirementMonth).toBe(month);
    }
    // Worked by hand (tests/support/demo-scenarios.ts): 李春梅 F55 1971-07 → 2026-12; 林秀英 F55 1971-08 → 2027-01.
    const dec = await (await retirements('2026-12')).json();
    expect(dec.persons.map((p: any) => p.name)).toContain('李春梅');
    // 张桂兰 draws a pension already: never listed, whatever her month.
    const zhang = citizens.find((c) => c.name === '张桂兰');
    const hers = await (await retirements(statutoryMonth(zhang))).json();
    expect(hers.persons.map((p: any) => p.name)).not.toContain('张桂兰');
    expect((await retirements('2026-13')).status).toBe(400);
    // Unsigned, as the month once travelled in the query: refused.
    expect((await fetch(`${stack.standins.baseUrl}/hr/retirements?month=2026-12`, { method: 'POST' })).status).toBe(401);
  });

  it('invites each person retiring within the months ahead exactly once, across repeated and concurrent runs', async () => {
    const months = invitationMonths(TODAY, DEFAULT_POLICY.textMessages.invitationMonthsAhead);
    expect(months).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    const due = citizens.filter((c) => !c.hr.receivingPension && months.includes(statutoryMonth(c)));
    expect(due.map((c) => c.name)).toEqual(expect.arrayContaining(['李春梅', '林秀英']));
    expect(due.map((c) => c.name)).not.toContain('陈志明'); // 2027-04: too far ahead yet

    // 林秀英 has booked already: she needs no invitation.
    const token = await stack.client.token('citizen', { idNumber: LIN.idNumber });
    const booked = await stack.client.post('/v1/bookings', { idNumber: LIN.idNumber, name: LIN.name, phone: LIN.phone, channel: 'online' }, token, {
      'Idempotency-Key': crypto.randomUUID(),
    });
    expect(booked.status).toBe(201);

    const [a, b] = await Promise.all([stack.textMessages.invite(), stack.textMessages.invite()]);
    const third = await stack.textMessages.invite();
    expect(a.invited + b.invited).toBe(due.length - 1);
    expect(third).toEqual({ invited: 0, alreadyInvited: due.length - 1, hasOpenCase: 1 });
    await Promise.all([stack.textMessages.drain(), stack.textMessages.drain()]);
    await stack.textMessages.drain();

    for (const person of due.filter((c) => c.idNumber !== LIN.idNumber)) {
      const invitations = (await inbox(person.phone)).filter((m) => m.kind === 'invitation');
      expect(invitations, person.name).toHaveLength(1);
      const [y, m] = statutoryMonth(person).split('-');
      expect(invitations[0].text).toContain(`${y}年${m}月`);
      // The link opens booking with a random reference: no personal data in a text (tested further below).
      expect(invitations[0].text).toMatch(new RegExp(`${stack.runtime.publicBaseUrl.replace(/[.]/g, '\\.')}/\\?invitation=[A-Za-z0-9_-]{22}#book`));
      expect(invitations[0].text).not.toContain(person.idNumber);
      expect(invitations[0].caseNumber).toBeUndefined();
    }
    expect((await inbox(LIN.phone)).map((m) => m.kind)).toEqual(['booked']);
    const chen = citizens.find((c) => c.name === '陈志明');
    expect(await inbox(chen.phone)).toEqual([]);

    // A month later the window moves on: 陈志明 (2027-04) is now due, and only he is new.
    stack.setToday('2027-01-05');
    const later = await stack.textMessages.invite();
    expect(later.invited).toBe(citizens.filter((c) => !c.hr.receivingPension && ['2027-03', '2027-04'].includes(statutoryMonth(c)) && !due.includes(c)).length);
    await stack.textMessages.drain();
    expect((await inbox(chen.phone)).map((m) => m.kind)).toEqual(['invitation']);
  }, 60_000);

  it('the link carries only a random reference, which the invited person alone, signed in, turns into a prefilled booking', async () => {
    const li = citizens.find((c) => c.name === '李春梅');
    const invitation = (await inbox(li.phone)).find((m) => m.kind === 'invitation');
    const link = new URL(/https?:\/\/\S+/.exec(invitation.text)![0]);
    expect(link.hash).toBe('#book');
    const ref = link.searchParams.get('invitation')!;
    expect(ref).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Nothing of the person in the link, in clear or encoded (base64 of the ID number or phone would show as its own text).
    for (const secret of [li.idNumber, li.phone, li.name]) {
      expect(decodeURIComponent(link.href)).not.toContain(secret);
      expect(Buffer.from(ref, 'base64url').toString('latin1')).not.toContain(secret);
    }
    const refs = new Set(
      (await Promise.all(citizens.map((c) => inbox(c.phone))))
        .flat()
        .filter((m) => m.kind === 'invitation')
        .map((m) => new URL(/https?:\/\/\S+/.exec(m.text)![0]).searchParams.get('invitation')),
    );
    expect(refs.size).toBeGreaterThan(2); // one reference per person, none shared

    const hers = await stack.client.token('citizen', { idNumber: li.idNumber });
    const resolved = await stack.client.get(`/v1/cases?invitation=${ref}`, hers);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toEqual({ cases: [], invitation: { phone: li.phone, statutoryRetirementMonth: statutoryMonth(li) } });
    // Without the reference, the list as ever.
    expect((await stack.client.get('/v1/cases', hers)).body).toEqual({ cases: [] });
    // Someone else holding her text learns nothing; nor does anyone signed out, or a made-up reference.
    const other = citizens.find((c) => c.name === '周海涛');
    const theirs = await stack.client.token('citizen', { idNumber: other.idNumber });
    const foreign = await stack.client.get(`/v1/cases?invitation=${ref}`, theirs);
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual({ cases: [] });
    expect((await stack.client.get(`/v1/cases?invitation=${ref}`)).status).toBe(401);
    const flipped = `${ref.slice(0, -1)}${ref.endsWith('A') ? 'B' : 'A'}`;
    expect((await stack.client.get(`/v1/cases?invitation=${flipped}`, hers)).body).toEqual({ cases: [] });
    const malformed = await stack.client.get('/v1/cases?invitation=not-a-reference', hers);
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('invitation');
    expect((await stack.client.get(`/v1/cases?invitation=${ref}&idNumber=${li.idNumber}`, hers)).status).toBe(400);
    const staff = await stack.client.token('pre-review', { name: 'alice', staffId: 'S1001' });
    expect((await stack.client.get(`/v1/cases?invitation=${ref}`, staff)).status).toBe(403);
  });
});
