/** The local SMS sink: delivers a message id once, and remembers what it delivered across a restart (its file). */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localSmsSink } from '../../../infra/local/sms-sink.ts';

const dirs: string[] = [];
const fileIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sms-sink-'));
  dirs.push(dir);
  return join(dir, 'sms-sink.jsonl');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const booked = {
  to: '13810102947',
  text: '【退休一件事】您已预约办理退休，办件编号 RT20261124K3Q9MZ。',
  kind: 'booked' as const,
  caseNumber: 'RT20261124K3Q9MZ',
};

describe('local SMS sink', () => {
  it('delivers a message id once, however often it is handed over; messages without an id each time', async () => {
    const sink = localSmsSink();
    expect(sink.send(booked, 'RT20261124K3Q9MZ/booked#0')).toBe(true);
    expect(sink.send(booked, 'RT20261124K3Q9MZ/booked#0')).toBe(false);
    await sink.sender.send({ ...booked, id: 'RT20261124K3Q9MZ/booked#0' });
    sink.send({ to: booked.to, kind: 'sign-in-code', text: '验证码是 123456' });
    sink.send({ to: booked.to, kind: 'sign-in-code', text: '验证码是 654321' });
    expect(sink.list(booked.to).map((m) => m.kind)).toEqual(['booked', 'sign-in-code', 'sign-in-code']);
  });

  it('after a restart (a new sink on the same file) still lists what it delivered and still refuses the same id', () => {
    const file = fileIn();
    const first = localSmsSink({ file });
    first.send(booked, 'RT20261124K3Q9MZ/booked#0');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = localSmsSink({ file });
    expect(again.list(booked.to)).toEqual(first.list(booked.to));
    expect(again.send(booked, 'RT20261124K3Q9MZ/booked#0')).toBe(false);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('takes a line cut short by a kill as never delivered: the same id is delivered when handed over again', () => {
    const file = fileIn();
    localSmsSink({ file }).send(booked, 'a/booked#0');
    appendFileSync(file, '{"to":"13810102947","text":"【退休一件事】您的退休申请（办件编号 RT20261124K3Q9MZ）已提交');
    const restarted = localSmsSink({ file });
    expect(restarted.list().map((m) => m.kind)).toEqual(['booked']);
    expect(restarted.send({ ...booked, kind: 'submitted' }, 'a/submitted#1')).toBe(true);
    expect(
      localSmsSink({ file })
        .list()
        .map((m) => m.kind),
    ).toEqual(['booked', 'submitted']);
  });
});
