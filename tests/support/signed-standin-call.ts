import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedHeaders } from '../../functions/departments/signing.ts';

/** A POST to the embedded stack's department stand-ins, signed with the key the stack generated in its data directory. */
export function signedStandinPost(stack: { dataDir: string; standins: { baseUrl: string } }, path: string, payload: unknown, caseNumber = '') {
  const body = JSON.stringify(payload);
  const key = readFileSync(join(stack.dataDir, 'keys', 'departments.key'));
  const headers = signedHeaders(key, 'local', {
    method: 'POST',
    path,
    caller: 'test',
    caseNumber,
    requestId: randomUUID(),
    correlationId: 'test-standin-call',
    timestamp: Math.floor(Date.now() / 1000),
    body,
  });
  return fetch(`${stack.standins.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}
