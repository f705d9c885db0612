/** Reads compare.sh's labelled JSON lines on stdin; prints, per revision, the median of every numeric field. */
import { readFileSync } from 'node:fs';

const rows = readFileSync(0, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { rev: string; result: Record<string, unknown> });
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const flat = (o: Record<string, unknown>, prefix = ''): [string, number][] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'number'
      ? [[prefix + k, v] as [string, number]]
      : v && typeof v === 'object' && !Array.isArray(v)
        ? flat(v as Record<string, unknown>, `${prefix}${k}.`)
        : [],
  );
for (const rev of [...new Set(rows.map((r) => r.rev))]) {
  const values = new Map<string, number[]>();
  for (const r of rows.filter((x) => x.rev === rev)) for (const [k, v] of flat(r.result)) values.set(k, [...(values.get(k) ?? []), v]);
  process.stdout.write(`${JSON.stringify({ rev, medians: Object.fromEntries([...values].map(([k, v]) => [k, Math.round(median(v) * 1000) / 1000])) })}\n`);
}
