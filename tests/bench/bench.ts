/**
 * `npm run bench`: N all-pass cases through the embedded stack over real HTTP, the department stand-ins
 * answering after a set latency; then sealing alone in a loop. Progress goes to stderr; the last line on
 * stdout is one JSON object:
 *   { cases, casesPerSecond, p50Ms, p95Ms, fanoutRatio, peakRssMb, javaRssMb, sealedDocumentsPerSecond, documentBytes,
 *     sealMsPerDocument, dynamoRequestsPerCase, nodeCpuMsPerCase, javaCpuMsPerCase, ... }
 * Targets (2 cores, issue 13): fanoutRatio ≤ 1.10, p50 ≤ 400 ms, casesPerSecond ≥ 12, peakRssMb ≤ 450,
 * dynamoRequestsPerCase ≤ 15.
 *
 * Env: BENCH_CASES (60), BENCH_CONCURRENCY (8 in flight), DEPARTMENT_LATENCY_MS (100), BENCH_WARMUP (40
 * cases, not counted) run BENCH_WARMUP_CONCURRENCY (as many as BENCH_CONCURRENCY) in flight, BENCH_SEALS (30),
 * BENCH_TIMEOUT_MS (per case, 60000), LOG_LEVEL (warn here, so the product's logs do not flood stdout).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { syntheticPeople, type SyntheticPerson } from './synthetic-people.ts';
import { dynamoDbLocalProcess } from '../support/dynamodb-process.ts';

process.env.LOG_LEVEL ??= 'warn';

// Imported after LOG_LEVEL is set: the product's logger reads it once, at import.
const { startLocalStack } = await import('../../infra/local/stack.ts');
const { ApiClient, applicationFor } = await import('../integration/harness.ts');
const { statutoryRetirement } = await import('../../functions/domain/retirement-age.ts');
const { parseIdNumber } = await import('../../functions/domain/id-number.ts');
const { addMonths, monthIndex, monthOf } = await import('../../functions/domain/months.ts');
const { DEFAULT_POLICY } = await import('../../functions/domain/policy.ts');
const { sealNotice } = await import('../../functions/sealing/seal-pdf.ts');
const { ensureDevPki } = await import('../../functions/sealing/dev-pki.ts');
const { localSealSigner } = await import('../../functions/sealing/local-signer.ts');
const { noticeFromCase } = await import('../../functions/documents/index.ts');
const { UsageMeter } = await import('./usage-meter.ts');
const { msPerCaseByGroup, processCpuSeconds, threadTicks } = await import('./thread-cpu.ts');

const TODAY = '2026-11-24';
const CHECK_STATES = new Set(['CheckHr', 'CheckTax', 'CheckMedical', 'CheckHousingFund', 'CheckHealth']);

function intEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

const CASES = intEnv('BENCH_CASES', 60, 1);
const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 8, 1);
const LATENCY_MS = intEnv('DEPARTMENT_LATENCY_MS', 100, 0);
// Sustained speed is the speed of warm compilers. Both JITs are still compiling when a case or two has run: after a
// warm-up of 2 cases one at a time, DynamoDB Local's C1 compiler thread took about a fifth of the JVM's CPU during the
// 60 measured cases (22%; 8% after 40 cases), and a case cost 65-67 ms of JVM and 150-153 ms of node CPU; after 40
// cases, 33-47 and 96-127 (three runs each, alternating, 2026-12-08).
const WARMUP = intEnv('BENCH_WARMUP', 40, 0);
const WARMUP_CONCURRENCY = intEnv('BENCH_WARMUP_CONCURRENCY', CONCURRENCY, 1);
const SEALS = intEnv('BENCH_SEALS', 30, 1);
const CASE_TIMEOUT_MS = intEnv('BENCH_TIMEOUT_MS', 60_000, 1);
/** BENCH_TRACE=1: also time every DynamoDB call (by command) and print the breakdown to stderr. */
const TRACE = process.env.BENCH_TRACE === '1';

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const median = (values: number[]) => {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Every generated person must be valid and retire at the statutory month inside today's window. */
function checkPeople(people: SyntheticPerson[]): Map<string, string> {
  const first = monthOf(TODAY);
  const last = addMonths(first, DEFAULT_POLICY.applicationMonthsAhead);
  const months = new Map<string, string>();
  for (const p of people) {
    const parsed = parseIdNumber(p.idNumber, TODAY);
    if (!parsed.ok || parsed.birthDate !== p.birthDate || parsed.gender !== p.gender)
      throw new Error(`bad synthetic ID ${p.idNumber}: ${JSON.stringify(parsed)}`);
    const { month } = statutoryRetirement(p.gender, p.birthDate, p.hr.originalRetirementAge);
    if (monthIndex(month) < monthIndex(first) || monthIndex(month) > monthIndex(last))
      throw new Error(`${p.idNumber} retires ${month}, outside ${first}…${last}`);
    months.set(p.idNumber, month);
  }
  if (new Set(people.map((p) => p.idNumber)).size !== people.length) throw new Error('duplicate synthetic ID numbers');
  return months;
}

function vmRssBytes(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface CaseResult {
  caseNumber: string;
  latencyMs: number;
  submittedAt: number;
  completedAt: number;
  fanoutMs?: number;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'retireone-bench-'));
  let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
  // rss() alone: memoryUsage() also walks the heap's spaces, which every 50 ms took 0.6% of the main thread the bench
  // measures (a --cpu-prof profile, 2026-12-07).
  let peakRss = process.memoryUsage.rss();
  let peakJavaRss = 0;
  let jPid: number | undefined;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (jPid) peakJavaRss = Math.max(peakJavaRss, vmRssBytes(jPid) ?? 0);
  }, 50);
  sampler.unref();
  const cleanup = async () => {
    clearInterval(sampler);
    await stack?.stop().catch((err) => log(`stop failed: ${err}`));
    stack = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const people = syntheticPeople(WARMUP + CASES);
    const retirementMonth = checkPeople(people);
    const fixturesPath = join(dataDir, 'bench-people.json');
    writeFileSync(fixturesPath, JSON.stringify({ version: 1, description: 'bench: generated, fictional', citizens: people }));

    log(`starting the embedded stack in ${dataDir} (department latency ${LATENCY_MS} ms, today ${TODAY})`);
    const t0 = performance.now();
    stack = await startLocalStack({ dataDir, port: 0, fixturesPath, clockToday: TODAY, departmentLatencyMs: LATENCY_MS });
    log(`stack up in ${Math.round(performance.now() - t0)} ms at ${stack.baseUrl}`);
    jPid = dynamoDbLocalProcess(dataDir)?.pid;
    if (!jPid) log('DynamoDB Local JVM not found under /proc; javaRssMb will be null');

    // Completion is signalled by the engine (Seal is the last Task and moves the case to COMPLETED),
    // so the bench does not load the API with polling; a slow poll remains as a safety net.
    const checks = new Map<string, { start: number; end: number; lastStart: number }>();
    const notified = new Map<string, () => void>();
    const stateMs = new Map<string, number[]>();
    stack.engine.onTaskTiming = (t) => {
      if (!stateMs.has(t.state)) stateMs.set(t.state, []);
      stateMs.get(t.state)!.push(t.endedAt - t.startedAt);
      if (CHECK_STATES.has(t.state)) {
        const c = checks.get(t.caseNumber);
        if (!c) checks.set(t.caseNumber, { start: t.startedAt, end: t.endedAt, lastStart: t.startedAt });
        else {
          c.start = Math.min(c.start, t.startedAt);
          c.end = Math.max(c.end, t.endedAt);
          c.lastStart = Math.max(c.lastStart, t.startedAt);
        }
      }
      if (t.state === 'Seal') notified.get(t.caseNumber)?.();
    };

    const dbMs = new Map<string, number[]>();
    if (TRACE) {
      const db = stack.runtime.cases.db as unknown as { send: (cmd: object, ...rest: unknown[]) => Promise<unknown> };
      const send = db.send.bind(db);
      db.send = async (cmd, ...rest) => {
        const t = performance.now();
        try {
          return await send(cmd, ...rest);
        } finally {
          const name = cmd.constructor.name;
          if (!dbMs.has(name)) dbMs.set(name, []);
          dbMs.get(name)!.push(performance.now() - t);
        }
      };
    }
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const meter = new UsageMeter(stack);

    const client = new ApiClient(stack.baseUrl);
    const token = await client.token('platform', { name: '基准测试平台' });

    async function runCase(p: SyntheticPerson): Promise<CaseResult> {
      const booking = await client.post('/v1/bookings', { idNumber: p.idNumber, name: p.name, phone: p.phone, channel: 'online' }, token, {
        'Idempotency-Key': crypto.randomUUID(),
      });
      if (booking.status !== 201) throw new Error(`booking ${p.idNumber}: ${booking.status} ${JSON.stringify(booking.body)}`);
      const caseNumber = booking.body.caseNumber as string;
      const done = new Promise<void>((resolve) => notified.set(caseNumber, resolve));
      const form = applicationFor(p, { type: 'normal', requestedMonth: retirementMonth.get(p.idNumber)!, originalRetirementAge: 60 });
      const submitted = await client.post(`/v1/cases/${caseNumber}/application`, form, token);
      if (submitted.status !== 202) throw new Error(`application ${caseNumber}: ${submitted.status} ${JSON.stringify(submitted.body)}`);

      const deadline = Date.now() + CASE_TIMEOUT_MS;
      let view: any;
      for (;;) {
        // The answer is read once it is there, as the platform reads it when told (webhooks): the poll is only a safety
        // net, slow enough that a case which takes over a second on a loaded machine is not read twice for it.
        const timedOut = await Promise.race([done.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 5000).unref())]);
        view = (await client.get(`/v1/cases/${caseNumber}`, token)).body;
        if (view?.status === 'COMPLETED') break;
        if (!timedOut && view?.status !== 'COMPLETED') await new Promise((r) => setTimeout(r, 25));
        if (['EXPIRED', 'WITHDRAWN', 'MANUAL_REVIEW'].includes(view?.status) || Date.now() > deadline) {
          throw new Error(`case ${caseNumber} did not complete: ${JSON.stringify(view)?.slice(0, 1500)}`);
        }
      }
      notified.delete(caseNumber);
      if (view.decision !== 'APPROVED') throw new Error(`case ${caseNumber}: expected APPROVED, got ${view.decision}: ${JSON.stringify(view.departments)}`);
      // Server-side instants: the SUBMITTED and COMPLETED timeline entries (same clock, so the shift cancels).
      const at = (status: string) => {
        const e = [...view.timeline].reverse().find((t: any) => t.status === status);
        if (!e) throw new Error(`case ${caseNumber}: no ${status} in the timeline`);
        return Date.parse(e.at);
      };
      const submittedAt = at('SUBMITTED');
      const completedAt = at('COMPLETED');
      const c = checks.get(caseNumber);
      return { caseNumber, submittedAt, completedAt, latencyMs: completedAt - submittedAt, fanoutMs: c && c.end - c.start };
    }

    async function runAll(list: SyntheticPerson[], concurrency: number, label: string): Promise<CaseResult[]> {
      const results: CaseResult[] = [];
      let next = 0;
      let lastReport = Date.now();
      const worker = async () => {
        while (next < list.length) {
          const p = list[next++]!;
          results.push(await runCase(p));
          if (Date.now() - lastReport >= 1000 || results.length === list.length) {
            lastReport = Date.now();
            const m = process.memoryUsage();
            log(
              `${label}: ${results.length}/${list.length} completed, rss ${mb(m.rss)} MB (JS heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)})`,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
      return results;
    }

    if (WARMUP > 0) {
      const w = await runAll(people.slice(0, WARMUP), WARMUP_CONCURRENCY, 'warm-up');
      const p50 = Math.round(
        percentile(
          w.map((r) => r.latencyMs),
          50,
        ),
      );
      log(`warm-up: ${w.length} cases, ${Math.min(WARMUP_CONCURRENCY, w.length)} in flight, p50 ${p50} ms`);
    }
    log(`running ${CASES} cases, ${CONCURRENCY} in flight`);
    for (const v of dbMs.values()) v.length = 0;
    meter.reset();
    loopDelay.enable();
    const nodeCpu0 = process.cpuUsage();
    const javaCpu0 = jPid ? processCpuSeconds(jPid) : undefined;
    const nodeThreads0 = threadTicks('self');
    const javaThreads0 = jPid ? threadTicks(jPid) : new Map<string, number>();
    const wallStart = performance.now();
    const results = await runAll(people.slice(WARMUP), CONCURRENCY, 'cases');
    const wallMs = performance.now() - wallStart;
    const usage = meter.counts;
    meter.stop();
    loopDelay.disable();
    const nodeCpu = process.cpuUsage(nodeCpu0);
    const javaCpu1 = jPid ? processCpuSeconds(jPid) : undefined;
    const byThread = (before: Map<string, number>, after: Map<string, number>) =>
      msPerCaseByGroup(before, after, results.length)
        .map(([group, ms]) => `${group} ${ms}`)
        .join(', ');
    log(`CPU ms a case by thread: node ${byThread(nodeThreads0, threadTicks('self'))}`);
    if (jPid) log(`  DynamoDB Local JVM ${byThread(javaThreads0, threadTicks(jPid))}`);
    const cores = (sec: number) => round(sec / (wallMs / 1000));
    log(
      `CPU during the run (${round(wallMs / 1000, 1)} s): node ${cores((nodeCpu.user + nodeCpu.system) / 1e6)} cores` +
        (javaCpu0 !== undefined && javaCpu1 !== undefined ? `, DynamoDB Local JVM ${cores(javaCpu1 - javaCpu0)} cores` : ''),
    );
    log(
      `event-loop delay during the run: p50 ${round(loopDelay.percentile(50) / 1e6, 1)} ms, p99 ${round(loopDelay.percentile(99) / 1e6, 1)} ms, max ${round(loopDelay.max / 1e6, 1)} ms`,
    );
    for (const [name, ms] of dbMs)
      log(`  dynamodb ${name.padEnd(22)} n=${String(ms.length).padStart(4)}  p50 ${round(median(ms), 1)} ms  p95 ${round(percentile(ms, 95), 1)} ms`);

    const inFunctions = Object.entries(usage.dynamo.byFunction).filter(([fn]) => fn !== '(stack)');
    const dynamoInFunctions = inFunctions.reduce((n, [, k]) => n + k.requests, 0);
    log(`DynamoDB requests (write units) per case by function (the stack's own housekeeping: ${usage.dynamo.byFunction['(stack)']?.requests ?? 0} in all):`);
    for (const [fn, n] of inFunctions.sort(([, a], [, b]) => b.requests - a.requests))
      log(`  ${fn.padEnd(34)} ${round(n.requests / results.length, 2)} (${round(n.writeUnits / results.length, 1)})`);
    log(
      `  by command: ${Object.entries(usage.dynamo.byCommand)
        .map(([c, n]) => `${c.replace('Command', '')} ${round(n / results.length, 2)}`)
        .join(', ')}`,
    );

    const latencies = results.map((r) => r.latencyMs);
    // Where the time goes, for whoever has to make it faster (stderr only).
    const measured = new Set(results.map((r) => r.caseNumber));
    const skews = [...checks].filter(([c]) => measured.has(c)).map(([, c]) => c.lastStart - c.start);
    log(`Check* start skew (last branch start − first), median ${Math.round(median(skews))} ms, p95 ${Math.round(percentile(skews, 95))} ms`);
    for (const [state, ms] of stateMs)
      log(
        `  task ${state.padEnd(18)} n=${String(ms.length).padStart(3)}  p50 ${String(Math.round(median(ms))).padStart(5)} ms  p95 ${String(Math.round(percentile(ms, 95))).padStart(5)} ms`,
      );
    const span = Math.max(...results.map((r) => r.completedAt)) - Math.min(...results.map((r) => r.submittedAt));
    const fanouts = results.map((r) => r.fanoutMs).filter((x): x is number => x !== undefined);
    if (fanouts.length < results.length) log(`warning: ${results.length - fanouts.length} cases had no Check* timings`);

    // One real sealed document, as a citizen downloads it.
    const sample = results[0]!;
    const view = (await client.get(`/v1/cases/${sample.caseNumber}`, token)).body;
    const doc = await client.get(`/v1/cases/${sample.caseNumber}/documents/${view.documents[0].documentId}`, token);
    if (doc.status !== 200) throw new Error(`document download: ${doc.status}`);
    const documentBytes = doc.bytes.length;
    const record = (await stack.runtime.cases.get(sample.caseNumber))!;
    const caseRssPeak = peakRss;
    const caseJavaPeak = peakJavaRss;

    await stack.stop();
    stack = undefined;

    // Sealing alone, one core: the same notice data a real case produced, signed by the local signer.
    const pki = await ensureDevPki(join(dataDir, 'pki'));
    const signer = localSealSigner(pki);
    const notice = noticeFromCase(record, {
      documentId: `${record.caseNumber}-01`,
      issuedAt: new Date().toISOString(),
      verifyUrl: `http://localhost/v1/verify/${record.caseNumber}-01`,
      issuer: '退休一件事 一站式服务（开发环境）',
    });
    for (let i = 0; i < 3; i++) await sealNotice(notice, signer);
    log(`sealing ${SEALS} notices in a loop`);
    const sealStart = performance.now();
    let sealedBytes = 0;
    for (let i = 0; i < SEALS; i++) sealedBytes += (await sealNotice(notice, signer)).pdf.length;
    const sealMs = performance.now() - sealStart;

    const summary = {
      cases: results.length,
      casesPerSecond: round(results.length / (span / 1000)),
      p50Ms: Math.round(percentile(latencies, 50)),
      p95Ms: Math.round(percentile(latencies, 95)),
      fanoutRatio: LATENCY_MS > 0 ? round(median(fanouts) / LATENCY_MS) : null,
      peakRssMb: mb(caseRssPeak),
      javaRssMb: caseJavaPeak ? mb(caseJavaPeak) : null,
      sealedDocumentsPerSecond: round(SEALS / (sealMs / 1000)),
      documentBytes,
      // Context for the numbers above.
      concurrency: CONCURRENCY,
      departmentLatencyMs: LATENCY_MS,
      fanoutP50Ms: Math.round(median(fanouts)),
      clientWallSeconds: round(wallMs / 1000),
      maxMs: Math.max(...latencies),
      // Counted during the cases: each paper's own time on the seal thread, and every DynamoDB request a
      // function made (API routes, workflow steps, the text-message jobs), per completed case.
      sealMsPerDocument: round(usage.seals.ms / usage.seals.count, 1),
      documentsPerCase: round(usage.seals.count / results.length, 2),
      dynamoRequestsPerCase: round(dynamoInFunctions / results.length, 2),
      dynamoWriteUnitsPerCase: round(usage.dynamo.writeUnits / results.length, 2),
      dynamoReadUnitsPerCase: round(usage.dynamo.readUnits / results.length, 2),
      transitionsPerCase: round(usage.transitions / results.length, 2),
      // CPU per completed case: the product's process (every thread: handlers, workflow engine, seal workers, the
      // stand-ins, GC, and this bench's own client) and DynamoDB Local's JVM.
      nodeCpuMsPerCase: Math.round((nodeCpu.user + nodeCpu.system) / 1000 / results.length),
      javaCpuMsPerCase: javaCpu0 !== undefined && javaCpu1 !== undefined ? Math.round(((javaCpu1 - javaCpu0) * 1000) / results.length) : null,
      loopSealMsPerDocument: round(sealMs / SEALS, 1),
      loopDocumentBytes: Math.round(sealedBytes / SEALS),
    };
    const targets: [string, boolean][] = [
      ['fanoutRatio ≤ 1.10', summary.fanoutRatio !== null && summary.fanoutRatio <= 1.1],
      ['p50 ≤ 400 ms', summary.p50Ms <= 400],
      ['≥ 12 cases/s', summary.casesPerSecond >= 12],
      ['peak RSS ≤ 450 MB', summary.peakRssMb <= 450],
      ['dynamoRequestsPerCase ≤ 15', summary.dynamoRequestsPerCase <= 15],
    ];
    log(`targets: ${targets.map(([t, ok]) => `${t} ${ok ? 'met' : 'MISSED'}`).join('; ')}`);
    await cleanup();
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } catch (err) {
    log(`failed: ${(err as Error).stack ?? err}`);
    await cleanup();
    process.exitCode = 1;
  }
}

await main();
