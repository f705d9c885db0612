/**
 * cfn-lint checks the synthesized templates against each region's resource specification: a property or
 * resource type a region lacks is an error there although `cdk synth` succeeds. The main stack is claimed for
 * the regions below; the edge stack (WAF for CloudFront) exists only in us-east-1. CI installs cfn-lint.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { RetireOneEdgeStack } from '../../infra/aws/edge-stack.ts';
import { PROJECT_ROOT } from '../../infra/aws/retireone-stack.ts';
import { PARTITION_PLACEHOLDER } from '../../infra/aws/workflow.ts';
import { synth } from './support/synth.ts';

/** Regions the product claims for the main stack (infra/aws/README.md). */
const CLAIMED_REGIONS = ['ap-east-1', 'ap-southeast-1', 'us-east-1'];

/**
 * cfn-lint checks the state machine's definition text but does not apply DefinitionSubstitutions, so the
 * partition placeholder is put in as CloudFormation will for these regions' partition (the function ARNs stay
 * references, which cfn-lint understands).
 */
function asDeployed(template: unknown, regions: string[]): string {
  const partition = regions.every((r) => r.startsWith('cn-')) ? 'aws-cn' : 'aws';
  return JSON.stringify(template).replaceAll(`\${${PARTITION_PLACEHOLDER}}`, partition);
}

/** cfn-lint from PATH, or where the build image's pyenv puts it when a non-login shell lacks its shims. */
const CFN_LINT =
  [process.env.CFN_LINT, ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'cfn-lint')), join(homedir(), '.pyenv/shims/cfn-lint')].find(
    (p): p is string => p !== undefined && p !== '' && existsSync(p),
  ) ?? 'cfn-lint';

/** Lints one template, or each of several (the main stack's and its nested stacks'), in one cfn-lint run. */
function lint(template: unknown, outdir: string, regions: string[]) {
  const templates = Array.isArray(template) ? (template as Array<{ name: string; json: unknown }>) : [{ name: 'lint-me', json: template }];
  const files = templates.map((t, i) => {
    const file = join(outdir, `lint-me-${i}.template.json`);
    writeFileSync(file, asDeployed(t.json, regions));
    return { file, name: t.name };
  });
  // Errors only: warnings (W) and informational findings (I) are reviewed by people, not gated.
  const r = spawnSync(CFN_LINT, ['--format', 'parseable', '--regions', ...regions, '--', ...files.map((f) => f.file)], { encoding: 'utf8' });
  const errors = r.stdout
    .split('\n')
    .filter((l) => /:E\d{4}:/.test(l))
    .map((l) => files.reduce((line, f) => line.replace(`${f.file}:`, `${f.name}:`), l));
  return { status: r.status, errors, linted: files.length };
}

// cfn-lint takes 10–60 s a template on this machine, longer while the bundling test shares the two cores.
describe('cfn-lint on the synthesized templates', { timeout: 240_000 }, () => {
  it('is installed', () => {
    expect(execFileSync(CFN_LINT, ['--version'], { encoding: 'utf8' })).toMatch(/cfn-lint \d+\./);
  });

  it('reports no error for the main stack and its nested stacks in every claimed region', () => {
    const s = synth();
    const { errors, linted } = lint(s.templates, s.outdir, CLAIMED_REGIONS);
    expect(linted).toBe(s.templates.length);
    expect(linted).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  });

  // One test per VPC variant: each lints two templates in three regions, which takes minutes on a shared machine.
  for (const [label, context] of [
    ['vpc=create', { vpc: 'create' }],
    [
      'an existing VPC',
      { vpcId: 'vpc-0a1b2c3d4e5f60718', subnetIds: 'subnet-0aaa1111bbbb22223', routeTableIds: 'rtb-0aaa1111bbbb22223', availabilityZones: 'ap-east-1a' },
    ],
  ] as const) {
    it(`reports no error for the VPC variant (${label}) in every claimed region`, { timeout: 480_000 }, () => {
      const s = synth(context);
      expect(s.stack.network).toBeDefined();
      expect(lint(s.templates, s.outdir, CLAIMED_REGIONS).errors).toEqual([]);
    });
  }

  it('reports no error for the edge stack in us-east-1, the only region CloudFront-scoped WAF lives in', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'retireone-edge-lint-'));
    const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
    const app = new App({ outdir, context: cdkJson.context });
    const stack = new RetireOneEdgeStack(app, 'RetireOneEdgeStack');
    const template = app.synth().getStackByName(stack.stackName).template;
    try {
      expect(lint(template, outdir, ['us-east-1']).errors).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('does report an error it should (a resource type a region lacks), in a nested template too', () => {
    const s = synth();
    const [root, nested] = s.templates as [(typeof s.templates)[0], (typeof s.templates)[0]];
    const nope = {
      Type: 'AWS::CloudFront::Function',
      Properties: { Name: 'x', AutoPublish: true, FunctionCode: 'x', FunctionConfig: { Comment: 'x', Runtime: 'cloudfront-js-2.0' } },
    };
    const bad = { ...nested.json, Resources: { ...nested.json.Resources, Nope: nope } };
    // The main template's own CloudFront Function is an error in China as well; only the nested one is looked for.
    const { errors } = lint(
      [
        { name: 'root', json: root.json },
        { name: 'nested', json: bad },
      ],
      s.outdir,
      ['cn-north-1'],
    );
    expect(errors.some((e) => e.startsWith('nested:') && e.includes('AWS::CloudFront::Function'))).toBe(true);
  });

  it('reports no error for the China variant (-c partition=aws-cn) in cn-north-1 and cn-northwest-1', () => {
    const s = synth(CHINA_CONTEXT);
    const { errors } = lint(s.templates, s.outdir, ['cn-north-1', 'cn-northwest-1']);
    // cfn-lint's pattern for a Task state's Resource admits `arn:aws:` only (its E3601 schema; cfn-lint issue #3518
    // reports the same pattern wrong for the China and GovCloud partitions), while Step Functions in China refuses an
    // `arn:aws:` integration ("The resource belongs to a different partition", aws-cdk issue #4597). Those, and only
    // those, are set aside here.
    const partitionPattern = (e: string) => /E3601:'arn:aws-cn:states:::[A-Za-z0-9.:]+' does not match '\^arn:aws:/.test(e);
    expect(errors.filter((e) => !partitionPattern(e))).toEqual([]);
    expect(errors.filter(partitionPattern).length).toBeGreaterThan(0);
  });
});

/** What a China deployment must pass: an ICP-filed domain and its IAM server certificate. */
const CHINA_CONTEXT = { partition: 'aws-cn', domainName: 'tuixiu.example.gov.cn', iamCertificateId: 'ASCAEXAMPLECERTIFICATE1' };
