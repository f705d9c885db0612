/**
 * The state machine as a Mermaid flowchart, generated from the ASL so the picture cannot drift from the
 * definition (tests/unit/workflow-diagram.test.ts compares). `npm run diagram` rewrites the .md file.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface ChoiceRule {
  Next: string;
  Variable?: string;
  StringEquals?: string;
  BooleanEquals?: boolean;
  And?: Omit<ChoiceRule, 'Next'>[];
}

/** A rule's label: what it compares with (of an And, the comparison that is not a presence test). */
const labelOf = (c: Omit<ChoiceRule, 'Next'>): string =>
  c.And
    ? c.And.map(labelOf)
        .filter((l) => l !== 'undefined')
        .join(' and ')
    : String(c.StringEquals ?? c.BooleanEquals);

interface State {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: ChoiceRule[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Branches?: { StartAt: string; States: Record<string, State> }[];
  Resource?: string;
}

const ASL = new URL('./retirement-case.asl.json', import.meta.url);
const STEPS_ASL = new URL('./case-steps.asl.json', import.meta.url);
const OUT = new URL('./retirement-case.md', import.meta.url);

function shape(name: string, s: State): string {
  if (s.Type === 'Choice') return `${name}{${name}}`;
  if (s.Type === 'Succeed' || s.Type === 'Fail') return `${name}([${name}])`;
  if (s.Resource?.endsWith('.waitForTaskToken')) return `${name}[/${name}: waits for a person/]`;
  if (s.Resource?.endsWith(':states:startExecution.sync:2')) return `${name}[[${name}: runs a child workflow and awaits it]]`;
  return `${name}[${name}]`;
}

function edges(name: string, s: State, out: string[], end: string): void {
  if (s.Next) out.push(`  ${name} --> ${s.Next}`);
  if (s.End) out.push(`  ${name} --> ${end}`);
  for (const c of s.Choices ?? []) out.push(`  ${name} -->|${labelOf(c)}| ${c.Next}`);
  if (s.Default) out.push(`  ${name} -->|otherwise| ${s.Default}`);
  for (const c of s.Catch ?? []) out.push(`  ${name} -.->|${c.ErrorEquals.join(', ')}| ${c.Next}`);
}

export function diagramOf(asl: { StartAt: string; States: Record<string, State> }): string {
  const lines = ['flowchart TD', `  start((start)) --> ${asl.StartAt}`];
  const links: string[] = [];
  for (const [name, s] of Object.entries(asl.States)) {
    if (s.Type === 'Parallel') {
      lines.push(`  subgraph ${name}[${name}: the departments at once]`);
      s.Branches!.forEach((b) => {
        for (const [inner, bs] of Object.entries(b.States)) {
          lines.push(`    ${shape(inner, bs)}`);
          edges(inner, bs, links, `${name}_done`);
        }
      });
      lines.push('  end');
      lines.push(`  ${name}_done(( )) --> ${s.Next}`);
      continue;
    }
    lines.push(`  ${shape(name, s)}`);
    edges(name, s, links, 'finish((end))');
  }
  const parallelEntry = Object.entries(asl.States)
    .filter(([, s]) => s.Type === 'Parallel')
    .flatMap(([name, s]) => s.Branches!.map((b) => `  ${name}_in(( )) --> ${b.StartAt}`));
  const rewired = links.map((l) => {
    for (const [name, s] of Object.entries(asl.States))
      if (s.Type === 'Parallel') l = l.replace(new RegExp(`--> ${name}$`), `--> ${name}_in`).replace(new RegExp(`\\| ${name}$`), `| ${name}_in`);
    return l;
  });
  return [...lines, ...parallelEntry, ...rewired].join('\n');
}

export function diagramDocument(): string {
  const asl = JSON.parse(readFileSync(ASL, 'utf8'));
  const steps = JSON.parse(readFileSync(STEPS_ASL, 'utf8'));
  return `# The retirement case workflow

Generated from \`retirement-case.asl.json\` and \`case-steps.asl.json\` by \`npm run diagram\`; do not edit by hand.
Dashed arrows are caught errors; parallelograms wait for a person (task token) and have timeouts; a double-edged
box starts a child workflow and awaits it.

## The case (Standard)

\`\`\`mermaid
${diagramOf(asl)}
\`\`\`

## The machine work between two waits (Express, started by RunCase and Conclude)

\`\`\`mermaid
${diagramOf(steps)}
\`\`\`
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(OUT, diagramDocument());
  console.log(`wrote ${OUT.pathname}`);
}
