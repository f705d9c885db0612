import { z } from 'zod';
import type { CaseRecord } from '../adapters/case-record.ts';
import type { Runtime } from '../shared/runtime.ts';
import { caseViewOf, loadCaseFor } from './case-access.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

/** How long one response waits for news before ending; EventSource then reconnects with Last-Event-ID. */
const HOLD_MS = 20_000;
const POLL_MS = 1_000;
const RECONNECT_MS = 2_000;
const END_STATES = new Set(['COMPLETED', 'EXPIRED', 'WITHDRAWN']);

async function frames(record: CaseRecord, after: number, rt: Pick<Runtime, 'policy' | 'clock' | 'outbox'>): Promise<string> {
  const out = [`retry: ${RECONNECT_MS}\n\n`];
  record.timeline.forEach((entry, i) => {
    if (i <= after) return;
    out.push(`id: ${i}\nevent: status\ndata: ${JSON.stringify(entry)}\n\n`);
  });
  if (record.timeline.length - 1 > after) {
    out.push(`event: case\ndata: ${JSON.stringify(await caseViewOf(record, rt))}\n\n`);
  }
  if (END_STATES.has(record.status)) out.push(`event: end\ndata: ${JSON.stringify({ status: record.status })}\n\n`);
  return out.join('');
}

/**
 * The case's progress as server-sent events: one `status` event per timeline entry (id = its position),
 * then a `case` snapshot. API Gateway buffers Lambda responses, so each response holds until there is
 * news (or HOLD_MS) and ends; the client's EventSource reconnects with `Last-Event-ID` and receives only
 * what is new. The same handler serves the embedded hosting.
 */
export const handler = httpHandler(operations.streamCaseEvents, {
  async handle({ params, principal, requestId, headers, rt }) {
    const lastId = z.coerce
      .number()
      .int()
      .min(-1)
      .catch(-1)
      .parse(headers['last-event-id'] ?? -1);
    let record = await loadCaseFor(rt, principal, params.caseNumber, 'read-events', requestId);
    const until = Date.now() + HOLD_MS;
    while (record.timeline.length - 1 <= lastId && !END_STATES.has(record.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      record = (await rt.cases.get(params.caseNumber)) ?? record;
    }
    return {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
      bytes: new TextEncoder().encode(await frames(record, lastId, rt)),
    };
  },
});
