import { createHash } from 'node:crypto';

/**
 * The version of a workflow definition: its content hash, so the same text is always the same version.
 * Cases record it (`workflowVersion`); the embedded engine files definitions under it; the CDK app tags
 * the published state-machine version with it. The Express workflows the case workflow starts belong to
 * its version: a changed child is a new version of the case workflow, as a changed state is. A definition
 * without children hashes as it always did, so versions kept before children existed keep their names.
 */
export function workflowVersionOf(definition: string, children: Readonly<Record<string, string>> = {}): string {
  const hash = createHash('sha256').update(definition);
  for (const name of Object.keys(children).sort()) hash.update(`\n${name}\n`).update(children[name]!);
  return hash.digest('hex').slice(0, 16);
}
