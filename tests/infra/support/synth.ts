import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, NestedStack, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { afterAll } from 'vitest';
import nag from 'cdk-nag';
import { PROJECT_ROOT, RetireOneStack } from '../../../infra/aws/retireone-stack.ts';

/** Deployment context a real `cdk deploy` would pass; tests pin it so assertions are exact. */
export const TEST_CONTEXT = {
  departmentsBaseUrl: 'https://departments.test',
  jwtIssuer: 'https://idp.test/',
  jwtJwksUrl: 'https://idp.test/.well-known/jwks.json',
  allowedOrigins: ['https://retireone.test'],
};

export interface TemplateJson {
  Resources: Record<string, Resource>;
  Outputs: Record<string, any>;
  Parameters?: Record<string, unknown>;
}

export interface Synth {
  app: App;
  stack: RetireOneStack;
  /** Assertions over `json`. */
  template: Template;
  /**
   * The main template with every nested stack's resources put in, each parameter replaced by the value the parent
   * passes and each nested output by its value: the wiring reads as one template, whichever stack holds what.
   * Outputs are the main stack's.
   */
  json: TemplateJson;
  /** Each template as CloudFormation gets it: the main stack's first, then the nested ones. */
  templates: Array<{ name: string; json: TemplateJson }>;
  outdir: string;
}

export interface Resource {
  Type: string;
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/**
 * Synthesizes the stack the way `cdk synth` does (cdk.json context and feature flags, cdk-nag
 * AwsSolutions plugin) except for bundling: `skipBundling` swaps every NodejsFunction for an inline
 * stub so a test file does not run esbuild twenty-four times. Real bundling: bundling.test.ts.
 */
const outdirs: string[] = [];
// Registered while the importing test file is collected, so it runs when that file is done.
afterAll(() => {
  for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function synth(context: Record<string, unknown> = {}, beforeSynth?: (stack: RetireOneStack) => void): Synth {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  const outdir = mkdtempSync(join(tmpdir(), 'retireone-cdk-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { ...cdkJson.context, ...TEST_CONTEXT, skipBundling: true, ...context } });
  const stack = new RetireOneStack(app, 'RetireOneStack');
  Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app));
  beforeSynth?.(stack);
  const assembly = app.synth();
  const root = assembly.getStackByName(stack.stackName).template as TemplateJson;
  const templates = [{ name: stack.stackName, json: root }];
  const nested = stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack);
  for (const n of nested) {
    templates.push({ name: n.node.path, json: JSON.parse(readFileSync(join(outdir, n.templateFile), 'utf8')) as TemplateJson });
  }
  const json = inlineNested(
    root,
    nested.map((n, i) => ({ id: Stack.of(n.node.scope!).getLogicalId(n.nestedStackResource!), json: templates[i + 1]!.json })),
  );
  return { app, stack, template: Template.fromJSON(json), json, templates, outdir };
}

/** Replaces, anywhere in `value`, what `swap` gives for a node (undefined: keep and descend). */
function rewrite(value: unknown, swap: (node: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, swap));
  if (value && typeof value === 'object') {
    const swapped = swap(value as Record<string, unknown>);
    if (swapped !== undefined) return swapped;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, swap)]));
  }
  return value;
}

/** See `Synth.json`. Nested stacks are one level deep (a nested stack inside a nested stack is not inlined). */
function inlineNested(root: TemplateJson, nested: Array<{ id: string; json: TemplateJson }>): TemplateJson {
  let resources: Record<string, Resource> = { ...root.Resources };
  const outputs = new Map<string, unknown>();
  for (const n of nested) {
    const passed = (root.Resources[n.id]!.Properties.Parameters ?? {}) as Record<string, unknown>;
    const own = rewrite(n.json.Resources, (node) => (typeof node.Ref === 'string' && node.Ref in passed ? passed[node.Ref] : undefined)) as Record<
      string,
      Resource
    >;
    for (const [id, r] of Object.entries(own)) {
      if (id in resources) throw new Error(`logical id ${id} is in two templates`);
      resources[id] = r;
    }
    for (const [name, o] of Object.entries(n.json.Outputs ?? {})) {
      outputs.set(
        `${n.id}/Outputs.${name}`,
        rewrite(o.Value, (node) => (typeof node.Ref === 'string' && node.Ref in passed ? passed[node.Ref] : undefined)),
      );
    }
  }
  resources = rewrite(resources, (node) => {
    const att = node['Fn::GetAtt'];
    return Array.isArray(att) ? outputs.get(`${att[0]}/${att[1]}`) : undefined;
  }) as Record<string, Resource>;
  return { ...root, Resources: resources };
}

export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}

export const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Logical id behind `{ "Fn::GetAtt": [id, "Arn"] }` or `{ "Ref": id }`, else undefined. */
export function refId(v: unknown): string | undefined {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['Fn::GetAtt'])) return String(o['Fn::GetAtt'][0]);
    if (typeof o.Ref === 'string') return o.Ref;
  }
  return undefined;
}

/** A CloudFormation string value as text: literal pieces kept, intrinsic pieces rendered as `{{LogicalId}}`. */
export function cfnText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && Array.isArray((v as any)['Fn::Join'])) {
    const [sep, parts] = (v as any)['Fn::Join'] as [string, unknown[]];
    return parts.map(cfnText).join(sep);
  }
  const id = refId(v);
  if (id) return `{{${id}}}`;
  return `{{${JSON.stringify(v)}}}`;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, unknown>;
}

/** Every identity-policy statement with the roles it is attached to. */
export function roleStatements(json: Synth['json']): Array<{ roles: string[]; statement: Statement }> {
  return Object.values(json.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => {
      const roles = asArray(r.Properties.Roles).map((x) => refId(x)!);
      return (r.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({ roles, statement }));
    });
}

/** Whether an IAM action pattern (`kms:*`, `*`, `kms:Sign`) covers `action`. */
export function covers(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
  return re.test(action);
}

export const allows = (s: Statement, action: string): boolean => s.Effect === 'Allow' && asArray(s.Action).some((a) => covers(a, action));

/** The Lambda behind the site's BucketDeployment (a stack-level singleton), found by the role the site gave it. */
export function siteDeploymentHandler(s: Synth): CfnFunction {
  const role = s.stack.resolve(s.stack.site.deploymentRole.roleArn);
  const found = s.stack.node
    .findAll()
    .filter((c): c is CfnFunction => c instanceof CfnFunction && JSON.stringify(s.stack.resolve(c.role)) === JSON.stringify(role));
  if (found.length !== 1) throw new Error(`expected one BucketDeployment handler, found ${found.length}`);
  return found[0]!;
}
