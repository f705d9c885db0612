/**
 * Counts what a run of the embedded stack would be billed for on AWS: state transitions (the engine's
 * StateEntered events), function invocations and their durations (every `asFunction` call: one per API
 * request and per Task), DynamoDB requests and the capacity units DynamoDB reports for them, seal
 * signatures (one KMS Sign each on AWS) and S3 puts and gets. Counting starts at `reset()`; the bench
 * and `npm run cost` divide by the cases completed in between.
 *
 * Hand-written: it is a view of our own stack's seams, not a general tool.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { currentInvocation, invocationObservers } from '../../infra/local/invocation.ts';
import type { LocalStack } from '../../infra/local/stack.ts';

/** Commands that take ReturnConsumedCapacity (the others, e.g. DescribeTable, are counted as requests only). */
const CAPACITY_COMMANDS = new Set([
  'GetItemCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'TransactGetItemsCommand',
]);

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

export interface UsageCounts {
  transitions: number;
  /** Child (Express) executions and their billed GB-seconds. */
  express: { runs: number; billedGbSeconds: number };
  /** fn (`api/<module>`, `steps/<module>`, …) → invocations and summed duration. */
  invocations: Record<string, { count: number; ms: number }>;
  dynamo: {
    requests: number;
    byCommand: Record<string, number>;
    /** Made inside a function (api/*, steps/*, sms/*); `(stack)` is the stack's own housekeeping. */
    byFunction: Record<string, { requests: number; readUnits: number; writeUnits: number }>;
    readUnits: number;
    writeUnits: number;
  };
  seals: { count: number; ms: number };
  s3: { puts: number; gets: number };
}

function empty(): UsageCounts {
  return {
    transitions: 0,
    express: { runs: 0, billedGbSeconds: 0 },
    invocations: {},
    dynamo: { requests: 0, byCommand: {}, byFunction: {}, readUnits: 0, writeUnits: 0 },
    seals: { count: 0, ms: 0 },
    s3: { puts: 0, gets: 0 },
  };
}

const add = (m: Record<string, number>, k: string, n = 1) => {
  m[k] = (m[k] ?? 0) + n;
};

/**
 * Units from what DynamoDB answered. A transaction is billed at two units per item-unit (DynamoDB pricing:
 * "transactional write requests require two WCUs"); DynamoDB Local already reports it so (a transaction of
 * a 1 KB and a 2.5 KB item: 8 units, checked by hand), so answers are taken as they come.
 */
export function unitsOf(command: string, consumed: Capacity | Capacity[] | undefined): { read: number; write: number } {
  const list = consumed === undefined ? [] : Array.isArray(consumed) ? consumed : [consumed];
  let read = 0;
  let write = 0;
  for (const c of list) {
    const r = c.ReadCapacityUnits ?? 0;
    const w = c.WriteCapacityUnits ?? 0;
    // DynamoDB Local gives only the total: attribute it by the command's kind.
    if (r === 0 && w === 0 && c.CapacityUnits) {
      if (/Get|Query|Scan/.test(command)) read += c.CapacityUnits;
      else write += c.CapacityUnits;
    } else {
      read += r;
      write += w;
    }
  }
  return { read, write };
}

/**
 * What Express bills one execution for: its duration rounded up to 100 ms, times its memory in 64 MB chunks.
 * Memory is 50 MB + the definition + the execution data per Parallel step (pricing page); the checks' definition
 * is under 10 KB and its payloads keys only, so one chunk.
 */
export function expressBilledGbSeconds(durationMs: number): number {
  return (Math.ceil(durationMs / 100) / 10) * (64 / 1024);
}

export class UsageMeter {
  counts: UsageCounts = empty();
  private readonly detach: (() => void)[] = [];

  constructor(stack: Pick<LocalStack, 'runtime' | 'engine'>) {
    const observe = (fn: string, ms: number) => {
      const s = (this.counts.invocations[fn] ??= { count: 0, ms: 0 });
      s.count++;
      s.ms += ms;
    };
    invocationObservers.add(observe);
    this.detach.push(() => invocationObservers.delete(observe));

    const engine = stack.engine;
    engine.onStateEntered = () => {
      this.counts.transitions++;
    };
    engine.onChildExecution = ({ durationMs }) => {
      this.counts.express.runs++;
      this.counts.express.billedGbSeconds += expressBilledGbSeconds(durationMs);
    };
    this.detach.push(() => {
      engine.onStateEntered = undefined;
      engine.onChildExecution = undefined;
    });

    this.watchDynamo(stack.runtime.cases.db);
    this.watchObjects(stack.runtime.objects);
    void stack.runtime.sealing().then((kit) => this.watchSeals(kit));
  }

  private watchDynamo(db: DynamoDBDocumentClient): void {
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        const input = args.input as { ReturnConsumedCapacity?: string };
        if (CAPACITY_COMMANDS.has(command)) input.ReturnConsumedCapacity ??= 'TOTAL';
        const fn = currentInvocation.getStore()?.fn;
        const result = await next(args);
        const d = this.counts.dynamo;
        d.requests++;
        add(d.byCommand, command);
        const units = unitsOf(command, (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity);
        d.readUnits += units.read;
        d.writeUnits += units.write;
        const f = (d.byFunction[fn ?? '(stack)'] ??= { requests: 0, readUnits: 0, writeUnits: 0 });
        f.requests++;
        f.readUnits += units.read;
        f.writeUnits += units.write;
        return result;
      },
      { step: 'initialize', priority: 'high', name: 'usageMeter' },
    );
    this.detach.push(() => db.middlewareStack.remove('usageMeter'));
  }

  private watchObjects(objects: LocalStack['runtime']['objects']): void {
    const { put, get } = objects;
    objects.put = async (...a: Parameters<typeof put>) => {
      this.counts.s3.puts++;
      return put.apply(objects, a);
    };
    objects.get = async (...a: Parameters<typeof get>) => {
      this.counts.s3.gets++;
      return get.apply(objects, a);
    };
    this.detach.push(() => {
      objects.put = put;
      objects.get = get;
    });
  }

  private watchSeals(kit: Awaited<ReturnType<LocalStack['runtime']['sealing']>>): void {
    const seal = kit.seal;
    kit.seal = async (...a: Parameters<typeof seal>) => {
      const sealed = (await seal(...a)) as Awaited<ReturnType<typeof seal>> & { renderMs?: number };
      this.counts.seals.count++;
      // The time the paper took where it was sealed (a worker thread here), not its wait in the queue.
      this.counts.seals.ms += sealed.renderMs ?? Number.NaN;
      return sealed;
    };
    this.detach.push(() => {
      kit.seal = seal;
    });
  }

  reset(): void {
    this.counts = empty();
  }

  stop(): void {
    for (const d of this.detach.splice(0)) d();
  }
}
