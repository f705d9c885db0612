import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { functionSpecs } from '../../infra/aws/functions.ts';
import { PROJECT_ROOT } from '../../infra/aws/retireone-stack.ts';
import { TEST_CONTEXT } from './support/synth.ts';

/*
 * The one test that bundles for real: `npx cdk synth` through cdk.json, exactly as a deployment
 * would (Node 24 type stripping, local esbuild, no Docker), then loads every bundle. Twenty-four
 * esbuild runs take 1-3 minutes on two cores; `npm test` runs it last, alone, so it has the machine to itself
 * (a skipped test proves nothing).
 * The other infra tests use inline stubs (context skipBundling).
 */
const missing = functionSpecs()
  .map((s) => `functions/${s.kind}/${s.module}.ts`)
  .filter((p) => !existsSync(join(PROJECT_ROOT, p)));
let outdir = '';
afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('real bundling via cdk synth', () => {
  it('has a handler file for every function the stack declares', () => {
    expect(missing).toEqual([]);
  });

  it('synthesizes with esbuild and every bundle loads as ESM exporting handler; seal ships its font', async () => {
    outdir = mkdtempSync(join(tmpdir(), 'retireone-bundle-'));
    const context = Object.entries({ ...TEST_CONTEXT, allowedOrigins: TEST_CONTEXT.allowedOrigins.join(',') }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    try {
      execFileSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '-o', outdir, ...context], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
        stdio: 'pipe',
      });
    } catch (err) {
      const e = err as { stderr?: Buffer; stdout?: Buffer };
      throw new Error(`cdk synth failed:\n${`${e.stdout ?? ''}\n${e.stderr ?? ''}`.slice(-4000)}`);
    }
    // The root template and its nested ones (the API functions live in a nested stack).
    const templates = readdirSync(outdir).filter((f) => f.startsWith('RetireOneStack') && f.endsWith('.template.json'));
    expect(templates.length).toBeGreaterThan(1);
    const all = templates
      .flatMap((f) => Object.values(JSON.parse(readFileSync(join(outdir, f), 'utf8')).Resources as Record<string, any>))
      .filter((r) => r.Type === 'AWS::Lambda::Function');
    // Ours are the Node.js ones; the one other is the CDK-provided handler of the site's BucketDeployment.
    const lambdas = all.filter((r) => String(r.Properties.Runtime).startsWith('nodejs'));
    expect(lambdas).toHaveLength(functionSpecs().length);
    expect(all).toHaveLength(lambdas.length + 1);

    const assets = lambdas.map((fn) => String(fn.Metadata['aws:asset:path']));
    expect(new Set(assets).size).toBe(lambdas.length);
    for (const asset of assets) expect(readdirSync(outdir)).toContain(asset);
    const withFont = assets.filter((a) => existsSync(join(outdir, a, 'wqy-microhei.ttc')));
    expect(withFont).toHaveLength(1);
    // pdf-lib deflates with Node's zlib only if the seal bundle holds one pako: the one native-deflate.ts patches.
    const sealMap = JSON.parse(readFileSync(join(outdir, withFont[0]!, 'index.mjs.map'), 'utf8')) as { sources: string[] };
    expect(sealMap.sources.filter((s) => s.endsWith('/pako/index.js'))).toHaveLength(1);
    expect(sealMap.sources.filter((s) => s.endsWith('functions/documents/native-deflate.ts'))).toHaveLength(1);
    for (const asset of assets) {
      expect(readdirSync(join(outdir, asset))).toEqual(expect.arrayContaining(['index.mjs', 'index.mjs.map']));
      const mod = (await import(pathToFileURL(join(outdir, asset, 'index.mjs')).href)) as { handler?: unknown };
      expect(typeof mod.handler, asset).toBe('function');
    }
    for (const fn of lambdas) expect(fn.Properties.Handler).toBe('index.handler');
  }, 480_000);
});
