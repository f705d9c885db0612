import { createHash } from 'node:crypto';

/**
 * The version of a workflow definition: its content hash, so the same text is always the same version.
 * Cases record it (`workflowVersion`); the embedded engine files definitions under it; the CDK app tags
 * the published state-machine version with it.
 */
export function workflowVersionOf(definition: string): string {
  return createHash('sha256').update(definition).digest('hex').slice(0, 16);
}
