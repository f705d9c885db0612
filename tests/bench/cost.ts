/**
 * `npm run cost`: what 1,000 completed cases cost on AWS (us-east-1 list prices, tests/bench/prices.ts),
 * by line: Step Functions transitions (the Standard case workflow), Express runs (the department checks, by
 * request and billed duration), Lambda, DynamoDB, KMS, S3 and the HTTP API (text messages excluded).
 *
 * - From the synthesized template (CDK, skipBundling): the state machine's definition (how the wait for the
 *   form wakes, and what one wake-up runs) and each function's memory and architecture.
 * - From a counted run of the embedded stack (tests/bench/usage-meter.ts): per completed case, the state
 *   transitions, every Express run and its duration, every invocation and its duration, the DynamoDB capacity units (transactions at two units
 *   per item-unit), seal signatures (one KMS Sign each), S3 puts and gets, and API requests. The citizen's
 *   journey counted: book, read the prefill, send the form, read the case once it is done, download every
 *   paper. Durations are this machine's (DynamoDB Local is slower than DynamoDB, so Lambda is overstated).
 *
 * Prints the detail to stderr and one JSON line last: { day1Usd, day25Usd, lines: { day1, day25 }, prices, ... }.
 * Env: COST_CASES (10), COST_CONCURRENCY (4), DEPARTMENT_LATENCY_MS (100).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticPeople } from './synthetic-people.ts';
import { ZERO_USAGE, addUsage, costOfCase, linesFor, totalOf, type Usage, type WaitForForm } from './cost-model.ts';
// @ts-expect-error plain browser module, without type declarations
import { WAITING_POLL_MS } from '../../web/screens/case-status.js';
import { PRICES, PRICES_READ_ON } from './prices.ts';

process.env.LOG_LEVEL ??= 'warn';
const { App } = await import('aws-cdk-lib');
const { RetireOneStack, PROJECT_ROOT } = await import('../../infra/aws/retireone-stack.ts');
const { startLocalStack } = await import('../../infra/local/stack.ts');
const { asFunction } = await import('../../infra/local/invocation.ts');
const { ApiClient, applicationFor } = await import('../integration/harness.ts');
const { statutoryRetirement } = await import('../../functions/domain/retirement-age.ts');
const { DEFAULT_POLICY } = await import('../../functions/domain/policy.ts');
const { UsageMeter } = await import('./usage-meter.ts');

const TODAY = '2026-11-24';
const WAIT_STATE = 'WaitForApplication';
const FORM_DAYS = [1, 25] as const;
const CASES = Number(process.env.COST_CASES ?? 10);
const CONCURRENCY = Number(process.env.COST_CONCURRENCY ?? 4);
const LATENCY_MS = Number(process.env.DEPARTMENT_LATENCY_MS ?? 100);
/** Reads of a waiting case's progress page counted for the open-page figure. */
const OPEN_PAGE_READS = 20;
const log = (msg: string) => process.stderr.write(`[cost] ${msg}\n`);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  Default?: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Choices?: { Next: string }[];
}
interface CfnResource {
  Type: string;
  Properties: Record<string, any>;
}

/** Every template of the synthesized app, nested stacks included (they are files of their own). */
function synthesizedResources(): CfnResource[] {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const outdir = mkdtempSync(join(tmpdir(), 'retireone-cost-cdk-'));
  try {
    const context = {
      ...cdkJson.context,
      departmentsBaseUrl: 'https://departments.example',
      jwtIssuer: 'https://idp.example/',
      jwtJwksUrl: 'https://idp.example/.well-known/jwks.json',
      allowedOrigins: ['https://retireone.example'],
      skipBundling: true,
    };
    const app = new App({ outdir, context });
    new RetireOneStack(app, 'RetireOneStack');
    app.synth();
    return readdirSync(outdir)
      .filter((f) => f.endsWith('.template.json'))
      .flatMap((f) => Object.values((JSON.parse(readFileSync(join(outdir, f), 'utf8')) as { Resources?: Record<string, CfnResource> }).Resources ?? {}));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** A CloudFormation string (literal, or Fn::Join of literals and intrinsics) as text; intrinsics become "?". */
function cfnText(v: unknown): string {
  if (typeof v === 'string') return v;
  const join = (v as { 'Fn::Join'?: [string, unknown[]] })?.['Fn::Join'];
  if (join) return join[1].map((p) => (typeof p === 'string' ? p : '?')).join(join[0]);
  throw new Error(`unexpected CloudFormation value ${JSON.stringify(v).slice(0, 200)}`);
}

/** The states one wake-up of the wait runs: its Catch of States.Timeout, then on until the wait again. */
function wakeLoop(states: Record<string, State>): { every?: number; path: string[] } {
  const wait = states[WAIT_STATE];
  if (!wait) throw new Error(`no ${WAIT_STATE} state in the synthesized definition`);
  const every = wait.TimeoutSecondsPath !== undefined ? undefined : wait.TimeoutSeconds;
  const start = wait.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Next;
  if (!start) return { every: undefined, path: [] };
  const path: string[] = [];
  // A wake that does not expire the case goes back to the wait: each Choice's Default is "not yet".
  for (let name: string | undefined = start; name && path.length < 20; ) {
    path.push(name);
    if (name === WAIT_STATE) break;
    const s: State = states[name]!;
    name = s.Type === 'Choice' ? s.Default : s.Next;
  }
  if (path.at(-1) !== WAIT_STATE) throw new Error(`the wake-up from ${WAIT_STATE} does not lead back to it: ${path.join(' → ')}`);
  return { every, path };
}

/** Memory (GB) of the Lambda behind each `api/<module>` / `steps/<module>` / `sms/<module>`, by its description. */
function memoryByFunction(resources: CfnResource[]): (fn: string) => number {
  const fns = resources.filter((r) => r.Type === 'AWS::Lambda::Function' && typeof r.Properties.Description === 'string');
  const label: Record<string, string> = { api: 'API', steps: 'workflow step', sms: 'text messages', webhooks: 'webhook dispatch', sla: 'deadline sweep' };
  for (const f of fns) {
    const arch = f.Properties.Architectures ?? ['x86_64'];
    if (!arch.includes('arm64')) throw new Error(`${f.Properties.Description} is not arm64: the price table has arm64 GB-seconds only`);
  }
  return (fn) => {
    const [kind, module] = fn.split('/') as [string, string];
    const found = fns.find((f) => f.Properties.Description === `RetireOne ${label[kind]} ${module}`);
    if (!found) throw new Error(`no Lambda in the template for ${fn}`);
    return (found.Properties.MemorySize ?? 128) / 1024;
  };
}

type Counts = InstanceType<typeof UsageMeter>['counts'];

/**
 * Counts CASES completed journeys, then one wake-up of the wait's own steps (`wakeTasks`) on a case that
 * still waits for its form. Returns the counts per completed case and per wake-up.
 */
async function countedRun(
  memoryGb: (fn: string) => number,
  wakeTasks: string[],
  wakeTransitions: number,
): Promise<{ completed: Usage; perWake: Usage; perPageRead: Usage }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-cost-'));
  // [0] warms up, [1..CASES] are counted, the last one waits and is woken once.
  const people = syntheticPeople(CASES + 2);
  const fixturesPath = join(dataDir, 'people.json');
  writeFileSync(fixturesPath, JSON.stringify({ version: 1, description: 'cost: generated, fictional', citizens: people }));
  // The text messages go as on AWS by default (SNS, which cannot deduplicate): a lease, a hand-over record and a mark each.
  const stack = await startLocalStack({ dataDir, port: 0, fixturesPath, clockToday: TODAY, departmentLatencyMs: LATENCY_MS, smsProviderDeduplicates: false });
  try {
    const notified = new Map<string, () => void>();
    stack.engine.onTaskTiming = (t) => {
      if (t.state === 'Seal') notified.get(t.caseNumber)?.();
    };
    const client = new ApiClient(stack.baseUrl);
    const token = await client.token('platform', { name: '费用测算平台' });
    const meter = new UsageMeter(stack);
    const book = async (p: (typeof people)[number]) => {
      const booking = await client.post('/v1/bookings', { idNumber: p.idNumber, name: p.name, phone: p.phone, channel: 'online' }, token, {
        'Idempotency-Key': crypto.randomUUID(),
      });
      if (booking.status !== 201) throw new Error(`booking: ${booking.status} ${JSON.stringify(booking.body)}`);
      return booking.body.caseNumber as string;
    };
    const journey = async (p: (typeof people)[number]) => {
      const caseNumber = await book(p);
      const done = new Promise<void>((resolve) => notified.set(caseNumber, resolve));
      const prefill = await client.get(`/v1/cases/${caseNumber}/prefill`, token);
      if (prefill.status !== 200) throw new Error(`prefill: ${prefill.status}`);
      const { month } = statutoryRetirement(p.gender, p.birthDate, p.hr.originalRetirementAge);
      const sent = await client.post(
        `/v1/cases/${caseNumber}/application`,
        applicationFor(p, { type: 'normal', requestedMonth: month, originalRetirementAge: 60 }),
        token,
      );
      if (sent.status !== 202) throw new Error(`application: ${sent.status} ${JSON.stringify(sent.body)}`);
      await done;
      const view = (await client.get(`/v1/cases/${caseNumber}`, token)).body;
      if (view.status !== 'COMPLETED' || view.decision !== 'APPROVED') throw new Error(`case ${caseNumber}: ${view.status} ${view.decision}`);
      for (const d of view.documents) {
        const doc = await client.get(`/v1/cases/${caseNumber}/documents/${d.documentId}`, token);
        if (doc.status !== 200) throw new Error(`document ${d.documentId}: ${doc.status}`);
      }
    };

    await journey(people[0]!); // warm-up, not counted
    meter.reset();
    let next = 1;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next <= CASES) await journey(people[next++]!);
      }),
    );
    // The last Seal has run (it completes the case); let its execution reach its end state before the counts are read.
    await new Promise((r) => setTimeout(r, 200));
    const counted = meter.counts;
    const completed = toUsage(counted, CASES, memoryGb);
    log(
      `invocations over ${CASES} cases: ${Object.entries(counted.invocations)
        .map(([fn, s]) => `${fn} ${s.count}`)
        .join(', ')}`,
    );

    // One wake-up: the wait's own invocation costs what it cost on the happy path; its other steps are run here.
    const waiting = await book(people[CASES + 1]!);
    meter.reset();
    for (const module of wakeTasks) {
      const { handler } = (await import(`../../functions/steps/${module}.ts`)) as { handler: (e: unknown, c: unknown) => Promise<{ expired?: boolean }> };
      const out = await asFunction(`steps/${module}`, () => handler({ caseNumber: waiting }, { functionName: module, awsRequestId: crypto.randomUUID() }));
      if (out.expired) throw new Error(`${module} expired a case on the day it was booked`);
    }
    const wakeSteps = onlyFunctions(
      meter.counts,
      wakeTasks.map((m) => `steps/${m}`),
    );
    const wait = onlyFunctions(counted, ['steps/await-signal']);
    const waitRuns = counted.invocations['steps/await-signal']?.count ?? 0;
    if (waitRuns === 0) throw new Error('the wait for the form was never counted');
    const perWake = addUsage(addUsage(toUsage(wakeSteps, 1, memoryGb), toUsage({ ...wait, transitions: 0 }, waitRuns, memoryGb)), {
      ...ZERO_USAGE,
      transitions: wakeTransitions,
    });

    // A progress page left open on the waiting case: what one of its reads costs (the person's own, as the page reads).
    const citizen = await client.token('citizen', { idNumber: people[CASES + 1]!.idNumber });
    meter.reset();
    for (let i = 0; i < OPEN_PAGE_READS; i++) {
      const read = await client.get(`/v1/cases/${waiting}`, citizen);
      if (read.status !== 200) throw new Error(`page read: ${read.status}`);
    }
    const perPageRead = toUsage(meter.counts, OPEN_PAGE_READS, memoryGb);
    return { completed, perWake, perPageRead };
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The counts of some functions alone: their invocations and their DynamoDB units (no transitions, seals or S3). */
function onlyFunctions(c: Counts, fns: string[]): Counts {
  const pick = <T>(m: Record<string, T>) => Object.fromEntries(Object.entries(m).filter(([fn]) => fns.includes(fn)));
  const dynamo = pick(c.dynamo.byFunction);
  return {
    transitions: 0,
    express: { runs: 0, billedGbSeconds: 0 },
    invocations: pick(c.invocations),
    dynamo: {
      requests: Object.values(dynamo).reduce((n, d) => n + d.requests, 0),
      byCommand: {},
      byFunction: dynamo,
      readUnits: Object.values(dynamo).reduce((n, d) => n + d.readUnits, 0),
      writeUnits: Object.values(dynamo).reduce((n, d) => n + d.writeUnits, 0),
    },
    seals: { count: 0, ms: 0 },
    s3: { puts: 0, gets: 0 },
  };
}

const sumUnits = (c: Counts, k: 'readUnits' | 'writeUnits') =>
  Object.entries(c.dynamo.byFunction)
    .filter(([fn]) => fn !== '(stack)')
    .reduce((n, [, d]) => n + d[k], 0);

function toUsage(c: Counts, cases: number, memoryGb: (fn: string) => number): Usage {
  let invocations = 0;
  let gbSeconds = 0;
  let apiRequests = 0;
  for (const [fn, s] of Object.entries(c.invocations)) {
    // Each API request is one route's invocation, each Task a step's. The text-message jobs run on a
    // schedule (here every second, on AWS every minute) however many cases there are: their runs are not a
    // case's, but the DynamoDB work they do for its messages is (below).
    if (fn.startsWith('sms/')) continue;
    invocations += s.count;
    gbSeconds += (s.ms / 1000) * memoryGb(fn);
    if (fn.startsWith('api/')) apiRequests += s.count;
  }
  return {
    transitions: c.transitions / cases,
    expressRequests: c.express.runs / cases,
    expressGbSeconds: c.express.billedGbSeconds / cases,
    lambdaInvocations: invocations / cases,
    lambdaGbSeconds: gbSeconds / cases,
    // Work done inside functions; the embedded stack's own housekeeping loops are not the product's.
    dynamoReadUnits: sumUnits(c, 'readUnits') / cases,
    dynamoWriteUnits: sumUnits(c, 'writeUnits') / cases,
    kmsSigns: c.seals.count / cases,
    s3Puts: c.s3.puts / cases,
    s3Gets: c.s3.gets / cases,
    apiRequests: apiRequests / cases,
  };
}

async function main() {
  log('synthesizing the CDK app (skipBundling)');
  const resources = synthesizedResources();
  // The case workflow (Standard, billed by transition); its Express children are billed by run, counted by the engine.
  const machine = resources.find((r) => r.Type === 'AWS::StepFunctions::StateMachine' && r.Properties.StateMachineType === 'STANDARD');
  if (!machine) throw new Error('no Standard state machine in the synthesized templates');
  const states = (JSON.parse(cfnText(machine.Properties.DefinitionString)) as { States: Record<string, State> }).States;
  const loop = wakeLoop(states);
  const substitutions = Object.fromEntries(
    Object.entries((await import('../../functions/api/routes.ts')).STEP_FUNCTIONS).map(([k, v]) => [`\${${k}}`, v as string]),
  );
  const moduleOf = (s: State) => {
    const ref = s.Resource?.startsWith('arn:aws:states:::') ? undefined : s.Resource;
    return ref ? substitutions[ref] : undefined;
  };
  // Tasks of the wake-up other than the wait itself (whose own invocation the happy path counts).
  const wakeTasks = loop.path.filter((n) => n !== WAIT_STATE && states[n]!.Type === 'Task').map((n) => moduleOf(states[n]!)!);
  log(`${WAIT_STATE}: ${loop.every === undefined ? 'one wait until the deadline' : `wakes every ${loop.every} s`}; a wake-up runs ${loop.path.join(' → ')}`);
  const memoryGb = memoryByFunction(resources);

  const run = await countedRun(memoryGb, wakeTasks, loop.path.length);
  const perWake = loop.every === undefined ? ZERO_USAGE : run.perWake;
  const wait: WaitForForm = { wakeEverySeconds: loop.every, perWake };
  const deadlineDays = DEFAULT_POLICY.applicationDeadlineDays;
  const days = Object.fromEntries(
    FORM_DAYS.map((d) => {
      if (d >= deadlineDays) throw new Error(`a form on day ${d} is past the ${deadlineDays}-day deadline`);
      return [d, costOfCase(run.completed, wait, d, PRICES)];
    }),
  );
  log(`per completed case: ${JSON.stringify(run.completed)}`);
  log(`per wake-up of the wait: ${JSON.stringify(perWake)}`);
  log(`per read of a progress page left open on a waiting case: ${JSON.stringify(run.perPageRead)}`);
  const unread = Object.entries(PRICES).filter(([, p]) => !p.read);
  if (unread.length) log(`prices not read from a source (placeholders): ${unread.map(([k]) => k).join(', ')}`);
  const per1000PageReads = totalOf(linesFor(run.perPageRead, PRICES));
  const pageReadsPerHour = 3_600_000 / WAITING_POLL_MS;
  const r = (l: Record<string, number>) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, round(v)]));
  const out = {
    day1Usd: round(days[1]!.totalUsd),
    day25Usd: round(days[25]!.totalUsd),
    lines: { day1: r(days[1]!.lines), day25: r(days[25]!.lines) },
    perCase: { completed: r(run.completed as unknown as Record<string, number>), perWake: r(perWake as unknown as Record<string, number>) },
    wait: loop.every === undefined ? 'until the deadline' : `wakes every ${loop.every} s`,
    // Not part of a completed case: each hour a person keeps the progress page open while the case waits for someone.
    // Dollars per 1,000 pages, like every line here.
    openPage: {
      per1000ReadsUsd: round(per1000PageReads, 6),
      readsPerHour: pageReadsPerHour,
      per1000PagesPerHourUsd: round(per1000PageReads * pageReadsPerHour),
    },
    cases: CASES,
    prices: { readOn: PRICES_READ_ON, ...Object.fromEntries(Object.entries(PRICES).map(([k, p]) => [k, { usd: p.usd, unit: p.unit, read: p.read }])) },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// The embedded stack's libraries may keep a handle or two open after stop: the answer is out, so end.
await main().then(
  () => process.exit(0),
  (err) => {
    log(`failed: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
