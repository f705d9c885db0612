import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../functions/adapters/clock.ts';
import { writesOutsideGrants } from '../support/writes-outside-grants.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/stack.ts';
import { defaultFixturesPath } from '../../infra/local/fixtures-loader.ts';

/** The repo's demo records, whatever DEPARTMENT_FIXTURES says. */
export const DEMO_FIXTURES = defaultFixturesPath({});

export interface TestStack extends LocalStack {
  dataDir: string;
  /** Pins "today" for the running stack, as CLOCK_TODAY does at start. */
  setToday(date: string): void;
  client: ApiClient;
  close(): Promise<void>;
}

/** Starts the whole embedded product (DynamoDB Local, S3 server, stand-ins, local Step Functions, HTTP). */
export async function startTestStack(opts: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'retireone-it-'));
  const stack = await startLocalStack({
    dataDir,
    fixturesPath: DEMO_FIXTURES,
    clockToday: '2026-11-24',
    retryIntervalMs: 50,
    departmentTimeoutMs: 1000,
    // Many tests book with one demo phone number; the quotas have their own test (edge-guards.test.ts).
    messageQuotas: { perNumber: { limit: 100_000, windowSeconds: 60 }, perCaller: { limit: 100_000, windowSeconds: 60 } },
    ...opts,
  });
  return {
    ...stack,
    dataDir,
    setToday: (date) => {
      stack.runtime.clock = systemClock(date);
    },
    client: new ApiClient(stack.baseUrl),
    async close() {
      const footprint = stack.writeFootprint.entries();
      await stack.stop();
      if (process.env.WRITE_FOOTPRINT_DIR) writeFileSync(join(process.env.WRITE_FOOTPRINT_DIR, `${randomUUID()}.json`), JSON.stringify(footprint));
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      // Every integration test doubles as a check of the AWS roles: what its functions wrote, their grants allow.
      const refused = writesOutsideGrants(footprint);
      if (refused.length > 0) throw new Error(`writes the AWS roles would refuse (infra/aws/access.ts):\n${refused.join('\n')}`);
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  bytes: Uint8Array;
}

export class ApiClient {
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  async request<T = any>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string | Uint8Array } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Uint8Array | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body as BodyInit | undefined });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    const parsed = /json/.test(type) && bytes.length ? JSON.parse(Buffer.from(bytes).toString('utf8')) : undefined;
    return { status: res.status, headers: res.headers, body: parsed as T, bytes };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = any>(path: string, body: unknown, token?: string, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { token, body, headers });
  }

  async token(
    role: 'citizen' | 'pre-review' | 'supervisor' | 'platform' | 'employer',
    claims: { idNumber?: string; name?: string; staffId?: string; creditCode?: string } = {},
  ): Promise<string> {
    const res = await this.post<{ token: string }>('/v1/dev/tokens', { role, ...claims });
    if (res.status !== 200) throw new Error(`dev token: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  /** Polls the case until `done` holds (or throws after `timeoutMs`). */
  async waitForCase(caseNumber: string, token: string, done: (c: any) => boolean, timeoutMs = 20_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    let last: any;
    while (Date.now() < deadline) {
      last = (await this.get(`/v1/cases/${caseNumber}`, token)).body;
      if (last && done(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`case ${caseNumber} did not reach the expected state; last: ${JSON.stringify(last)?.slice(0, 2000)}`);
  }
}

export const isSettled = (c: any) =>
  ['COMPLETED', 'EXPIRED', 'WITHDRAWN', 'MANUAL_REVIEW'].includes(c.status) || (c.status === 'PRE_REVIEW' && c.timeline.some((t: any) => /人工/.test(t.note)));

/** The one form for a person, as a citizen would confirm it from the prefill. */
export function applicationFor(
  p: { idNumber: string; name: string; gender: string; birthDate: string; phone: string },
  retirement: { type: string; requestedMonth: string; originalRetirementAge: number; employerAgreement?: boolean },
  withdraw = true,
) {
  return {
    applicant: { idNumber: p.idNumber, name: p.name, gender: p.gender, birthDate: p.birthDate, phone: p.phone, address: '广东省东莞市南城街道示例路 1 号' },
    retirement,
    bankAccount: { bankName: '中国工商银行东莞分行', accountNo: '6222190000000001' },
    housingFund: { withdraw },
    commitments: { informationTrue: true, dataSharingConsent: true },
  };
}

/** The person books online for themselves; returns the case number and the person's token. */
export async function bookOwnCase(
  client: ApiClient,
  person: { idNumber: string; name: string; phone: string },
): Promise<{ caseNumber: string; token: string }> {
  const token = await client.token('citizen', { idNumber: person.idNumber });
  const booking = await client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
    'Idempotency-Key': crypto.randomUUID(),
  });
  if (booking.status !== 201) throw new Error(`booking: ${booking.status} ${JSON.stringify(booking.body)}`);
  return { caseNumber: booking.body.caseNumber as string, token };
}

/**
 * Cases booked by their own people, each remembered with its person's token, and the note the person's case page
 * shows on the booking (where 已短信通知 appears once its message went). `client` is read when used: a stack started later.
 */
export function ownBookings(client: () => ApiClient) {
  const tokens = new Map<string, string>();
  return {
    async book(person: { idNumber: string; name: string; phone: string }): Promise<string> {
      const { caseNumber, token } = await bookOwnCase(client(), person);
      tokens.set(caseNumber, token);
      return caseNumber;
    },
    async bookingNote(caseNumber: string): Promise<string> {
      const timeline = (await client().get(`/v1/cases/${caseNumber}`, tokens.get(caseNumber))).body.timeline as { status: string; note: string }[];
      const entry = timeline.find((t) => t.status === 'BOOKED');
      if (!entry) throw new Error(`case ${caseNumber} shows no booking`);
      return entry.note;
    },
  };
}

/** Books a case online and submits the form; returns the case number. */
export async function bookAndSubmit(
  client: ApiClient,
  token: string,
  person: { idNumber: string; name: string; gender: string; birthDate: string; phone: string },
  retirement: { type: string; requestedMonth: string; originalRetirementAge: number; employerAgreement?: boolean },
): Promise<string> {
  const booking = await client.post('/v1/bookings', { idNumber: person.idNumber, name: person.name, phone: person.phone, channel: 'online' }, token, {
    'Idempotency-Key': crypto.randomUUID(),
  });
  if (booking.status !== 201) throw new Error(`booking: ${booking.status} ${JSON.stringify(booking.body)}`);
  const caseNumber = booking.body.caseNumber as string;
  const submitted = await client.post(`/v1/cases/${caseNumber}/application`, applicationFor(person, retirement), token);
  if (submitted.status !== 202) throw new Error(`application: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return caseNumber;
}

/** The sealed PDFs the embedded S3 server holds for a case (its object files under the data directory). */
export function storedPdfsOf(dataDir: string, caseNumber: string): string[] {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
  return files(join(dataDir, 's3')).filter((f) => f.includes(`documents/${caseNumber}/`) && f.endsWith('.pdf._S3rver_object'));
}
