import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childWorkflowsOf, RETAINED_WORKFLOWS, readProductWorkflow, readRetainedWorkflows } from '../../workflows/definitions.ts';
import { workflowVersionOf } from '../../workflows/version.ts';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the version of the case workflow', () => {
  it('of a definition without children is its content hash, as versions kept before children existed are named', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(workflowVersionOf(text)).toBe(createHash('sha256').update(text).digest('hex').slice(0, 16));
      }),
    );
  });

  it('changes when only a child workflow changes, and not with the order children are listed in', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (parent, a, b) => {
        fc.pre(a !== b);
        expect(workflowVersionOf(parent, { CaseStepsStateMachineArn: a })).not.toBe(workflowVersionOf(parent, { CaseStepsStateMachineArn: b }));
        expect(workflowVersionOf(parent, { X: a, Y: b })).toBe(workflowVersionOf(parent, { Y: b, X: a }));
      }),
    );
  });

  it('of the product covers the case steps it starts', () => {
    const { definition, children } = readProductWorkflow(ROOT);
    expect(childWorkflowsOf(definition)).toEqual(['CaseStepsStateMachineArn']);
    expect(children.CaseStepsStateMachineArn).toContain('"AskDepartments"');
    expect(workflowVersionOf(definition, children)).not.toBe(workflowVersionOf(definition));
  });

  it('refuses a placeholder that names no known child workflow', () => {
    const text = JSON.stringify({ Parameters: { StateMachineArn: ['$', '{UnknownStateMachineArn}'].join('') } });
    expect(() => childWorkflowsOf(text)).toThrow(/UnknownStateMachineArn/);
  });

  it('knows a retired child by name (a kept version may start it), but the product workflow may not start one', () => {
    const text = JSON.stringify({ Parameters: { StateMachineArn: ['$', '{DepartmentChecksStateMachineArn}'].join('') } });
    expect(childWorkflowsOf(text)).toEqual(['DepartmentChecksStateMachineArn']);
    const path = join(mkdtempSync(join(tmpdir(), 'retireone-retired-')), 'case.asl.json');
    writeFileSync(path, text);
    expect(() => readProductWorkflow(ROOT, path)).toThrow(/DepartmentChecksStateMachineArn.*retired on 2026-12-07/);
  });

  it.each(RETAINED_WORKFLOWS.map((r) => [r.released, r.retainedUntil]))(
    'retains the version released on %s until the day before %s, with the texts of the children it starts',
    (released, until) => {
      const dayBefore = new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const kept = readRetainedWorkflows(ROOT, dayBefore).find((r) => r.released === released);
      expect(kept).toBeDefined();
      expect(Object.keys(kept!.children)).toEqual(childWorkflowsOf(kept!.definition));
      expect(readRetainedWorkflows(ROOT, until).find((r) => r.released === released)).toBeUndefined();
    },
  );
});
