/**
 * The V8 settings the embedded hosting runs with: `npm start`, `npm run bench`, `npm run cost`, `npm run chaos` and
 * the tests that start the product as a process of its own (package.json's scripts are checked against this list,
 * tests/unit/local/node-flags.test.ts).
 *
 * Where the memory went (`npm run bench`, 60 cases, `--trace-gc`, 2026-12-07): by default V8 sizes the young
 * generation from the heap limit, which on a machine with 24 GB let each of the product's three isolates (the main
 * thread, the seal worker, the department stand-ins) grow it to 128 MB of short-lived garbage (PDF pages, request
 * bodies) before a scavenge; and the main thread's old generation, about 70 MB live, was let grow to 180 MB before
 * a full collection. So:
 * - a semi-space of at most 2 MB (peak RSS 700 → 505 MB);
 * - the old generation allowed to grow by 20% past what the last full collection kept, instead of V8's up to 4×
 *   (→ 317 MB in one run).
 * Cases a second did not drop beyond the noise; the three-run comparison is in the README ("Speed and cost").
 * `--optimize-for-size` went lower (297 MB) but cost a fifth of the speed.
 */
export const EMBEDDED_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=20'] as const;
