/**
 * `npm run rules`: every policy value with its dates and sources, for the defaults and this deployment's city
 * settings (POLICY_CITY_FILE, POLICY_OVERRIDES; the demo city when unset). `npm run rules -- --write` rewrites
 * docs/rules.md (defaults and the demo city), which tests/unit/domain/rules-report.test.ts keeps in sync.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RULES } from '../../functions/domain/policy.ts';
import { type ReportLayer, renderRulesReport } from '../../functions/domain/rules/report.ts';
import { settingsFromEnvironment } from '../../functions/shared/policy-config.ts';

export const RULES_DOC_PATH = fileURLToPath(new URL('../../docs/rules.md', import.meta.url));

export function rulesReport(env: NodeJS.ProcessEnv = process.env): string {
  const layers: ReportLayer[] = [
    {
      title: 'Defaults',
      about: "National law, Guangdong's provincial rules and this product's service rules (functions/domain/rules/defaults.ts).",
      rules: DEFAULT_RULES,
    },
    ...settingsFromEnvironment(env).map((l) => ({ title: `City settings: ${l.where}`, about: 'Entries this city adds to the defaults.', rules: l.overrides })),
  ];
  return renderRulesReport(layers);
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--write')) {
    writeFileSync(RULES_DOC_PATH, rulesReport({}));
    console.log(`wrote ${RULES_DOC_PATH}`);
  } else {
    process.stdout.write(rulesReport());
  }
}
