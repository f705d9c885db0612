import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The case workflow (Standard): from booking to the sealed answer, with the waits for people. */
export const CASE_WORKFLOW_FILE = 'workflows/retirement-case.asl.json';

/**
 * The Express workflows the case workflow starts and awaits (`states:startExecution.sync:2`), by the
 * placeholder its ASL names each with: machine work of seconds, billed by request and duration rather
 * than by Standard transition (issue 13). Each file's own `${…}` placeholders are step functions.
 */
export const CHILD_WORKFLOWS = {
  CaseStepsStateMachineArn: { file: 'workflows/case-steps.asl.json', name: 'retireone-case-steps' },
} as const;
export type ChildWorkflow = keyof typeof CHILD_WORKFLOWS;

export interface WorkflowDefinitions {
  /** The case workflow's ASL text. */
  definition: string;
  /** The ASL text of each Express workflow it starts. */
  children: Partial<Record<ChildWorkflow, string>>;
}

export const isChildWorkflow = (name: string): name is ChildWorkflow => Object.hasOwn(CHILD_WORKFLOWS, name);

/** The child workflows a case-workflow text starts, in the order of their placeholders. */
export function childWorkflowsOf(definition: string): ChildWorkflow[] {
  return [...new Set([...definition.matchAll(/\$\{(\w+StateMachineArn)\}/g)].map((m) => m[1]!))].map((name) => {
    if (!isChildWorkflow(name)) throw new Error(`workflow placeholder \${${name}} names no child workflow in CHILD_WORKFLOWS`);
    return name;
  });
}

/** The product's workflow: the case workflow (or `casePath` in its place, for tests) and the children it starts. */
export function readProductWorkflow(projectRoot: string, casePath = join(projectRoot, CASE_WORKFLOW_FILE)): WorkflowDefinitions {
  const definition = readFileSync(casePath, 'utf8');
  const children: WorkflowDefinitions['children'] = {};
  for (const child of childWorkflowsOf(definition)) children[child] = readFileSync(join(projectRoot, CHILD_WORKFLOWS[child].file), 'utf8');
  return { definition, children };
}
