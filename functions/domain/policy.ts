/**
 * The one place for policy values. Every value is a dated list `{ validFrom, value, source }`
 * (rules/dated.ts, the defaults in rules/defaults.ts, the shape in schemas/policy-rules.ts), and a rule picks
 * the entry in force on the date it names: the retirement month, or the day of the application.
 * `policyOn(rules, date)` gives the values in force on one day, in the shape the rules read (`Policy`).
 */
import { type Policy, type PolicyOverrides, type PolicyRules, RULES_EPOCH, isLeaf, POLICY_TREE, type Leaf } from '../../schemas/policy-rules.ts';
import { type Dated, entryOn, mergeDated } from './rules/dated.ts';
import { DEFAULT_RULES } from './rules/defaults.ts';

export type { Policy, PolicyOverrides, PolicyRules, RetirementSchedule, SelectedBy, SlaStage } from '../../schemas/policy-rules.ts';
export { MAX_PROMISED_WORKING_DAYS, RULES_EPOCH, SLA_STAGES } from '../../schemas/policy-rules.ts';
export { DEFAULT_RULES } from './rules/defaults.ts';

type Tree = { readonly [key: string]: Leaf | Tree };
type Values = { [key: string]: unknown };

const resolved = new WeakMap<PolicyRules, Map<string, Policy>>();

/** The values in force on `date` (YYYY-MM-DD). An optional value with no entry yet is undefined. */
export function policyOn(rules: PolicyRules, date: string): Policy {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`policyOn needs a date YYYY-MM-DD, not ${date}`);
  if (date < RULES_EPOCH) throw new RangeError(`no rule set is complete before ${RULES_EPOCH} (asked for ${date})`);
  let byDate = resolved.get(rules);
  if (!byDate) {
    byDate = new Map();
    resolved.set(rules, byDate);
  }
  const hit = byDate.get(date);
  if (hit) return hit;
  const policy = deepFreeze(resolve(POLICY_TREE, rules as unknown as Values, date, [])) as unknown as Policy;
  byDate.set(date, policy);
  return policy;
}

function resolve(tree: Tree, rules: Values, date: string, path: readonly string[]): Values {
  const out: Values = {};
  for (const [key, node] of Object.entries(tree)) {
    const here = [...path, key];
    if (isLeaf(node)) {
      const entry = entryOn(rules[key] as Dated<unknown>, date);
      if (!entry && !node.optional) throw new RangeError(`${here.join('.')} has no value in force on ${date}`);
      out[key] = entry?.value;
    } else {
      out[key] = resolve(node, rules[key] as Values, date, here);
    }
  }
  return out;
}

/** `base` with a city's dated values joined in (rules/dated.ts mergeDated), checked as a whole. */
export function withOverrides(base: PolicyRules, ...layers: readonly PolicyOverrides[]): PolicyRules {
  let rules = base;
  for (const layer of layers) rules = merge(POLICY_TREE, rules as unknown as Values, layer as Values) as unknown as PolicyRules;
  checkComplete(rules);
  return rules;
}

function merge(tree: Tree, base: Values, over: Values | undefined): Values {
  if (!over) return base;
  const out: Values = { ...base };
  for (const [key, node] of Object.entries(tree)) {
    if (over[key] === undefined) continue;
    out[key] = isLeaf(node) ? mergeDated(base[key] as Dated<unknown>, over[key] as Dated<unknown>) : merge(node, base[key] as Values, over[key] as Values);
  }
  return out;
}

/** Every value that must always have one is in force from RULES_EPOCH on, so policyOn answers for every later day. */
export function checkComplete(rules: PolicyRules): void {
  walk(POLICY_TREE, rules as unknown as Values, [], (path, leaf, list) => {
    if (!leaf.optional && !entryOn(list, RULES_EPOCH)) throw new RangeError(`${path.join('.')} has no value in force on ${RULES_EPOCH}`);
  });
}

/**
 * Visits every value of the rules with its path and its dated list, in the tree's order; `named` says whether the
 * rules name the value at all (a city's file leaves most out), as an empty list of the complete rules does.
 */
export function walk(
  tree: Tree,
  rules: Values,
  path: readonly string[],
  visit: (path: readonly string[], leaf: Leaf, list: Dated<unknown>, named: boolean) => void,
): void {
  for (const [key, node] of Object.entries(tree)) {
    if (isLeaf(node)) visit([...path, key], node, (rules[key] as Dated<unknown> | undefined) ?? [], rules[key] !== undefined);
    else walk(node, (rules[key] as Values | undefined) ?? {}, [...path, key], visit);
  }
}

/** The days on which some value changes: where a rule's answer may differ from the day before. */
export function changeDates(rules: PolicyRules): string[] {
  const dates = new Set<string>();
  walk(POLICY_TREE, rules as unknown as Values, [], (_p, _l, list) => {
    for (const e of list) dates.add(e.validFrom);
  });
  return [...dates].sort();
}

/** The first day of a month YYYY-MM: the date a retirement-month rule is read on. */
export function retirementDate(month: string): string {
  return `${month}-01`;
}

/**
 * The defaults as they stand on the reform's first day, for the what-if defaults of pure functions and their
 * tests; the running product resolves its rules by date (functions/shared/policy-config.ts).
 */
export const DEFAULT_POLICY: Policy = policyOn(DEFAULT_RULES, RULES_EPOCH);

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}
