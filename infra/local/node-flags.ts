/**
 * The V8 settings the embedded hosting runs with: `npm start`, `npm run bench`, `npm run cost`, `npm run chaos` and
 * the tests that start the product as a process of its own (package.json's scripts are checked against this list,
 * tests/unit/local/node-flags.test.ts).
 *
 * A semi-space of at most 2 MB: by default V8 sizes the young generation from the heap limit, which on a machine with
 * 24 GB lets each of the product's three isolates (the main thread, the seal worker, the department stand-ins) fill
 * tens of MB with short-lived garbage (PDF pages, request bodies) before a scavenge. Measured with `npm run bench`
 * (30 cases, 2026-12-07): peak RSS 682 MB with V8's default, 471 MB at 8 MB, 452 MB at 4 MB, 437 MB at 2 MB, cases
 * a second unchanged within the noise; the three-run comparison is in the README ("Speed and cost").
 */
export const EMBEDDED_NODE_FLAGS = ['--max-semi-space-size=2'] as const;
