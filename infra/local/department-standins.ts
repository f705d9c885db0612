import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CitizenRecord, HealthRecord } from '../../schemas/department-record.ts';
import type { DepartmentFault } from '../../schemas/department-faults.ts';
import {
  DEPARTMENT_PATH,
  DEPARTMENTS,
  HEADER_CASE_NUMBER,
  LOOKUP_PATH,
  RETIREMENTS_PATH,
  type Department,
  type HrResponse,
  type PersonProfile,
} from '../../functions/departments/departments.ts';
import { SIGNATURE_WINDOW_SECONDS, verifySignedRequest } from '../../functions/departments/signing.ts';
import { statutoryRetirement } from '../../functions/domain/retirement-age.ts';

/**
 * Stand-ins for the department systems on one machine, answering from the fixtures file. Every request is a
 * signed POST with its parameters in a JSON body (docs/department-calls.md); the ID number is never in the URL:
 *   POST /hr/lookups            {idNumber}  HR record + name, gender, birthDate
 *   POST /tax/lookups           {idNumber}  tax record
 *   POST /medical/lookups       {idNumber}  medical insurance record
 *   POST /housing-fund/lookups  {idNumber}  housing fund record
 *   POST /health/lookups        {idNumber}  health commission record (404 when the fixtures give the person none)
 *   POST /profile/lookups       {idNumber}  prefill profile (data-sharing platform)
 *   POST /hr/retirements  {month: YYYY-MM, cursor?}  who reaches the statutory retirement age that month (服务找人),
 *                                   as HR computes it from the personnel file: the file's birth date, the original
 *                                   age and the 2024 schedule; people already drawing a pension are not listed.
 *                                   50 a page; `nextCursor` while there are more. No case number (there is no case).
 * 401 when the request is unsigned, signed with another key, altered after signing, signed outside the time window
 * or sent a second time (its request id seen before); 404 when the person is unknown, 400 without a case number on a
 * lookup, 503 while `setUnavailable`.
 * `setFault` injects an outage at runtime (PUT /v1/dev/departments/{department}/faults in dev mode):
 * `down` closes the connection without an answer (the client sees a reset), `slow` delays every answer,
 * `errors` answers 500 with probability `errorRate`, `malformed` answers 200 with a body off the schema.
 */
export interface StandinCall {
  dept: Department;
  idNumber: string;
  caseNumber: string | undefined;
  callingSystem: string | undefined;
  requestId: string | undefined;
  correlationId: string | undefined;
  /** ISO instant the request arrived. */
  at: string;
  /** Status the stand-in answered (or will answer, while the latency elapses); 0: connection closed unanswered. */
  status: number;
}

export interface DepartmentStandins {
  baseUrl: string;
  port: number;
  stop(): Promise<void>;
  setUnavailable(dept: Department, unavailable: boolean): void;
  setLatencyMs(ms: number): void;
  setFault(dept: Department, fault: DepartmentFault): void;
  calls(): StandinCall[];
  /** The requests refused with 401, and why (unsigned, bad signature, outside the time window, replayed …). */
  refusals(): StandinRefusal[];
  clearCalls(): void;
}

export interface StandinRefusal {
  path: string;
  reason: string;
  at: string;
}

export interface StartDepartmentStandinsOptions {
  records: Map<string, CitizenRecord>;
  /** The key calls are signed with (DATA_DIR/keys/departments.key on the embedded hosting). */
  signingKey: Uint8Array;
  /** Seconds a signature stays acceptable either way of now (default functions/departments/signing.ts's). */
  signatureWindowSeconds?: number;
  /** Delay before every answer, like a real remote system (default 0; the bench uses 100). */
  latencyMs?: number;
  /** 0 or undefined: pick a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

/** `slow` without a latency: enough to notice, below the client's default deadline. */
const DEFAULT_SLOW_MS = 2000;

const SEGMENT_TO_DEPT = new Map<string, Department>(DEPARTMENTS.map((d) => [DEPARTMENT_PATH[d], d]));
const RETIREMENTS_ROUTE = `/${DEPARTMENT_PATH.hr}/${RETIREMENTS_PATH}`;
const LOOKUP_ROUTE = new RegExp(`^/([a-z-]+)/${LOOKUP_PATH}$`);
const MAX_BODY_BYTES = 16 * 1024;
const RETIREMENTS_PAGE = 50;

/** HR's answer to "who retires in `month`": computed per person as HR would, from what the personnel file holds. */
function retirementsIn(records: Map<string, CitizenRecord>, month: string, offset: number) {
  const all = [...records.values()]
    .filter((r) => !r.hr.receivingPension)
    .map((r) => ({ r, month: statutoryRetirement(r.gender, r.hr.personnelFileBirthDate, r.hr.originalRetirementAge).month }))
    .filter((p) => p.month === month)
    .sort((a, b) => a.r.idNumber.localeCompare(b.r.idNumber));
  const page = all.slice(offset, offset + RETIREMENTS_PAGE);
  return {
    month,
    persons: page.map(({ r, month: m }) => ({ idNumber: r.idNumber, name: r.name, phone: r.phone, statutoryRetirementMonth: m })),
    ...(offset + RETIREMENTS_PAGE < all.length ? { nextCursor: String(offset + RETIREMENTS_PAGE) } : {}),
  };
}

function partFor(dept: Department, r: CitizenRecord): unknown {
  if (dept === 'health') return r.health ? ({ onlyChildParent: r.health.onlyChildParent ?? false } satisfies HealthRecord) : undefined;
  switch (dept) {
    case 'hr':
      return { ...r.hr, name: r.name, gender: r.gender, birthDate: r.birthDate } satisfies HrResponse;
    case 'tax':
      return r.tax;
    case 'medical':
      return r.medical;
    case 'housingFund':
      return r.housingFund;
    case 'profile':
      return {
        idNumber: r.idNumber,
        name: r.name,
        gender: r.gender,
        birthDate: r.birthDate,
        phone: r.phone,
        ...(r.bankAccount ? { bankAccount: r.bankAccount } : {}),
        originalRetirementAge: r.hr.originalRetirementAge,
        housingFundStatus: r.housingFund.status,
      } satisfies PersonProfile;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() !== '' ? s : undefined;
}

export async function startDepartmentStandins(opts: StartDepartmentStandinsOptions): Promise<DepartmentStandins> {
  const unavailable = new Set<Department>();
  const faults = new Map<Department, DepartmentFault>();
  let latencyMs = opts.latencyMs ?? 0;
  let log: StandinCall[] = [];

  const send = (res: ServerResponse, status: number, body: unknown, extraLatencyMs = 0) => {
    const text = JSON.stringify(body);
    const write = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    const delay = latencyMs + extraLatencyMs;
    if (delay > 0) setTimeout(write, delay);
    else write();
  };

  const windowSeconds = opts.signatureWindowSeconds ?? SIGNATURE_WINDOW_SECONDS;
  // Request ids seen within the window, with when: a signed request sent again is a replay, refused.
  const seen = new Map<string, number>();
  let refusals: StandinRefusal[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8'), size > MAX_BODY_BYTES));
  });

  const answer = (req: IncomingMessage, res: ServerResponse, text: string, tooLarge: boolean) => {
    const url = new URL(req.url ?? '/', 'http://standin');
    const lookup = LOOKUP_ROUTE.exec(url.pathname);
    const dept = url.pathname === RETIREMENTS_ROUTE ? 'hr' : lookup ? SEGMENT_TO_DEPT.get(lookup[1] ?? '') : undefined;
    if (!dept) return send(res, 404, { code: 'NO_SUCH_ROUTE', message: `${req.method} ${url.pathname}` });
    if (req.method !== 'POST') return send(res, 405, { code: 'METHOD_NOT_ALLOWED' });
    if (tooLarge) return send(res, 413, { code: 'BODY_TOO_LARGE' });
    const now = Math.floor(Date.now() / 1000);
    const verdict = verifySignedRequest(
      opts.signingKey,
      { method: req.method, path: url.pathname, body: text, header: (n) => header(req, n) },
      now,
      windowSeconds,
    );
    if (!verdict.ok || seen.has(verdict.parts.requestId)) {
      const reason = verdict.ok ? 'replayed' : verdict.reason;
      refusals.push({ path: url.pathname, reason, at: new Date().toISOString() });
      return send(res, 401, { code: 'SIGNATURE_REFUSED', message: reason });
    }
    for (const [id, at] of seen) if (now - at > 2 * windowSeconds) seen.delete(id);
    seen.set(verdict.parts.requestId, now);
    let params: { idNumber?: unknown; month?: unknown; cursor?: unknown };
    try {
      params = JSON.parse(text) ?? {};
    } catch {
      return send(res, 400, { code: 'BAD_BODY', message: 'the body is not JSON' });
    }
    const { caller: callingSystem, requestId, correlationId } = verdict.parts;
    if (url.pathname === RETIREMENTS_ROUTE) {
      const month = typeof params.month === 'string' ? params.month : '';
      const offset = params.cursor === undefined ? 0 : Number(params.cursor);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || !Number.isInteger(offset) || offset < 0)
        return send(res, 400, { code: 'BAD_QUERY', message: 'month=YYYY-MM and an optional cursor from nextCursor' });
      const fault = faults.get('hr');
      if (unavailable.has('hr') || fault?.mode === 'down' || fault?.mode === 'errors') return send(res, 503, { code: 'SERVICE_UNAVAILABLE' });
      return send(res, 200, retirementsIn(opts.records, month, offset));
    }
    const idNumber = typeof params.idNumber === 'string' ? params.idNumber : '';
    const caseNumber = header(req, HEADER_CASE_NUMBER);

    let status: number;
    let body: unknown;
    const record = opts.records.get(idNumber);
    const fault = faults.get(dept);
    const at = new Date().toISOString();
    if (fault?.mode === 'down') {
      log.push({ dept, idNumber, caseNumber, callingSystem, requestId, correlationId, at, status: 0 });
      // No answer at all: the caller sees the connection reset, as with a crashed system behind a proxy.
      req.socket.destroy();
      return;
    }
    if (!caseNumber) {
      status = 400;
      body = { code: 'MISSING_AUDIT_HEADERS', message: `${HEADER_CASE_NUMBER} is required on a lookup` };
    } else if (!idNumber) {
      status = 400;
      body = { code: 'BAD_BODY', message: 'idNumber is required' };
    } else if (unavailable.has(dept)) {
      status = 503;
      body = { code: 'SERVICE_UNAVAILABLE' };
    } else if (fault?.mode === 'errors' && Math.random() < (fault.errorRate ?? 1)) {
      status = 500;
      body = { code: 'INTERNAL_ERROR' };
    } else if (fault?.mode === 'malformed') {
      // 200 with a body in another shape (an envelope, a renamed field): must never be taken as an answer.
      status = 200;
      body = { code: 'OK', data: record ? { ...(partFor(dept, record) ?? {}), schemaVersion: 'v2' } : null };
    } else if (!record || partFor(dept, record) === undefined) {
      status = 404;
      body = { code: 'PERSON_NOT_FOUND' };
    } else {
      status = 200;
      body = partFor(dept, record);
    }
    log.push({ dept, idNumber, caseNumber, callingSystem, requestId, correlationId, at, status });
    send(res, status, body, fault?.mode === 'slow' ? (fault.latencyMs ?? DEFAULT_SLOW_MS) : 0);
  };

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const host = !opts.host || opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;

  let stopping: Promise<void> | undefined;
  return {
    baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stop() {
      stopping ??= new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      return stopping;
    },
    setUnavailable(dept, isUnavailable) {
      if (isUnavailable) unavailable.add(dept);
      else unavailable.delete(dept);
    },
    setLatencyMs(ms) {
      latencyMs = ms;
    },
    setFault(dept, fault) {
      if (fault.mode === 'up') faults.delete(dept);
      else faults.set(dept, fault);
    },
    calls: () => [...log],
    refusals: () => [...refusals],
    clearCalls() {
      log = [];
      refusals = [];
    },
  };
}
