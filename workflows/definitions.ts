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

/**
 * Children that earlier versions of the case workflow started, by placeholder, and the date they were retired. A case
 * started on such a version runs it to its end: on AWS its execution keeps the child version it was deployed with; the
 * embedded hosting runs the child text it kept beside that version, and needs only to know the name.
 */
export const RETIRED_CHILD_WORKFLOWS = {
  DepartmentChecksStateMachineArn: { name: 'retireone-department-checks', retired: '2026-12-07' },
} as const;

export type ChildWorkflow = keyof typeof CHILD_WORKFLOWS | keyof typeof RETIRED_CHILD_WORKFLOWS;

/**
 * Released versions of the case workflow that executions may still run on after a deployment moved on. On AWS a
 * Standard execution keeps the version it started on to its end (a year at most), and a version keeps calling what
 * its definition names: the functions it invokes, and the child versions it starts. So the deployment keeps, for as
 * long as a version is retained, the child machines it starts (a retired child stays deployed from the text below)
 * and the case workflow's grants to what it invokes. A version is retained a year after the next release, the
 * longest a Standard execution may run.
 */
export const RETAINED_WORKFLOWS = [
  {
    released: '2026-12-06',
    retainedUntil: '2027-12-07',
    file: 'workflows/retained/2026-12-06/retirement-case.asl.json',
    children: { DepartmentChecksStateMachineArn: 'workflows/retained/2026-12-06/department-checks.asl.json' },
  },
] as const;

export interface WorkflowDefinitions {
  /** The case workflow's ASL text. */
  definition: string;
  /** The ASL text of each Express workflow it starts. */
  children: Partial<Record<ChildWorkflow, string>>;
}

export const isChildWorkflow = (name: string): name is ChildWorkflow => Object.hasOwn(CHILD_WORKFLOWS, name) || Object.hasOwn(RETIRED_CHILD_WORKFLOWS, name);

const isCurrentChild = (name: ChildWorkflow): name is keyof typeof CHILD_WORKFLOWS => Object.hasOwn(CHILD_WORKFLOWS, name);

/** The state machine name of a child workflow, current or retired. */
export const childMachineName = (child: ChildWorkflow): string => (isCurrentChild(child) ? CHILD_WORKFLOWS[child] : RETIRED_CHILD_WORKFLOWS[child]).name;

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
  const children = readChildren(projectRoot, definition, (child) => {
    if (!isCurrentChild(child)) throw new Error(`the case workflow starts \${${child}}, a child workflow retired on ${RETIRED_CHILD_WORKFLOWS[child].retired}`);
    return CHILD_WORKFLOWS[child].file;
  });
  return { definition, children };
}

/** The texts of the children a definition starts, each read from the file `fileOf` names for it. */
function readChildren(projectRoot: string, definition: string, fileOf: (child: ChildWorkflow) => string): WorkflowDefinitions['children'] {
  const children: WorkflowDefinitions['children'] = {};
  for (const child of childWorkflowsOf(definition)) children[child] = readFileSync(join(projectRoot, fileOf(child)), 'utf8');
  return children;
}

export interface RetainedWorkflow extends WorkflowDefinitions {
  released: string;
  retainedUntil: string;
}

/** The retained versions (RETAINED_WORKFLOWS) still retained on `today` (YYYY-MM-DD), with their texts. */
export function readRetainedWorkflows(projectRoot: string, today: string): RetainedWorkflow[] {
  return RETAINED_WORKFLOWS.filter((r) => r.retainedUntil > today).map((r) => {
    const definition = readFileSync(join(projectRoot, r.file), 'utf8');
    const children = readChildren(projectRoot, definition, (child) => {
      const file = (r.children as Partial<Record<ChildWorkflow, string>>)[child];
      if (!file) throw new Error(`retained workflow ${r.released} starts \${${child}}, whose text RETAINED_WORKFLOWS does not name`);
      return file;
    });
    return { released: r.released, retainedUntil: r.retainedUntil, definition, children };
  });
}
