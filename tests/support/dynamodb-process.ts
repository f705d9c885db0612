/**
 * The DynamoDB Local JVM that serves one data directory, found by its command line (it names the directory and its
 * port), for the bench (its CPU and RSS), the chaos run (to kill it) and the tests that check none is left behind.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function dynamoDbLocalProcess(dataDir: string): { pid: number; port: number } | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!args.some((a) => a.includes('DynamoDBLocal')) || !args.some((a) => a.includes(dataDir))) continue;
      return { pid: Number(entry), port: Number(args[args.indexOf('-port') + 1]) };
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}
