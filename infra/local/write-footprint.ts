import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SecretBox } from '../../functions/adapters/secret-box.ts';
import { currentInvocation } from './invocation.ts';

// Marshalled (`{ pk: { S } }`) or not: the document client marshals in the same step this records in.
type AttributeMap = Record<string, { S?: string } | string | undefined> | undefined;
type TransactItem = { Put?: { Item?: AttributeMap }; Update?: { Key?: AttributeMap }; Delete?: { Key?: AttributeMap } };
type BatchRequest = { PutRequest?: { Item?: AttributeMap }; DeleteRequest?: { Key?: AttributeMap } };
type WriteInput = { Item?: AttributeMap; Key?: AttributeMap; TransactItems?: TransactItem[]; RequestItems?: Record<string, BatchRequest[]> };

/** The partition-key prefix a grant is written for: up to the first `#`, or the whole key when it has none. */
export function keyPrefix(pk: string): string {
  const i = pk.indexOf('#');
  return i < 0 ? pk : pk.slice(0, i + 1);
}

/** Partition keys a write request touches (condition checks in a transaction read, they do not write). */
export function writtenPartitionKeys(command: string, input: WriteInput): string[] {
  const pk = (m: AttributeMap) => {
    const v = m?.pk;
    const text = typeof v === 'string' ? v : v?.S;
    return text === undefined ? [] : [text];
  };
  switch (command) {
    case 'PutItemCommand':
      return pk(input.Item);
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return pk(input.Key);
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as TransactItem[]).flatMap((t) => [...pk(t.Put?.Item), ...pk(t.Update?.Key), ...pk(t.Delete?.Key)]);
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems as Record<string, BatchRequest[]>).flatMap((reqs) =>
        reqs.flatMap((r) => [...pk(r.PutRequest?.Item), ...pk(r.DeleteRequest?.Key)]),
      );
    default:
      return [];
  }
}

/**
 * What each function wrote, by partition-key prefix, as the embedded stack ran it. On AWS the same writes must
 * pass each role's `dynamodb:LeadingKeys` conditions; comparing the two (tests/integration/harness.ts, after every
 * integration test) catches a grant too narrow for what the code does before a deployment does.
 * Written by hand: it is a view of our own key layout, not a general tool.
 */
export class WriteFootprint {
  private readonly seen = new Map<string, Set<string>>();

  record(fn: string, prefix: string): void {
    const prefixes = this.seen.get(fn) ?? new Set<string>();
    this.seen.set(fn, prefixes);
    prefixes.add(prefix);
  }

  /**
   * Wraps a box so that each use inside a function is recorded as `key:<name>:seal` or `key:<name>:open`, beside the
   * writes: on AWS each needs its own grant on the key (functions/shared/access.ts), which the same comparison checks.
   */
  watchBox(name: string, box: SecretBox): SecretBox {
    const used = (use: 'seal' | 'open') => {
      const fn = currentInvocation.getStore()?.fn;
      if (fn !== undefined) this.record(fn, `key:${name}:${use}`);
    };
    return {
      seal: (plaintext, context) => {
        used('seal');
        return box.seal(plaintext, context);
      },
      open: (sealed, context) => {
        used('open');
        return box.open(sealed, context);
      },
    };
  }

  /** `fn → prefixes written`, sorted, for reports and assertions. */
  entries(): [string, string[]][] {
    return [...this.seen].map(([fn, p]) => [fn, [...p].sort()] as [string, string[]]).sort(([a], [b]) => a.localeCompare(b));
  }

  /** Records, on `client`, every write made inside a function's invocation (stack housekeeping is not a function). */
  watch(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => (args) => {
        const fn = currentInvocation.getStore()?.fn;
        if (fn !== undefined) {
          for (const pk of writtenPartitionKeys(context.commandName ?? '', args.input as WriteInput)) this.record(fn, keyPrefix(pk));
        }
        return next(args);
      },
      { step: 'serialize', priority: 'high', name: 'writeFootprint' },
    );
  }
}
