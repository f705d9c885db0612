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
 * - a semi-space of at most 4 MB;
 * - the old generation allowed to grow by 50% past what the last full collection kept, instead of V8's up to 4×.
 * Measured with `tests/bench/compare.sh 5ad6493 <this> 3` (medians of three, alternating): peak RSS 710 → 360 MB,
 * cases a second 4.55 → 4.64, p50 1222 → 1224 ms, the seal loop 44.0 → 42.2 papers a second. Tighter settings went
 * lower and cost speed: 2 MB and 20% gave 310 MB at 5.10 → 4.66 cases a second; `--optimize-for-size` 297 MB at a
 * fifth less speed (one run).
 */
export const EMBEDDED_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'] as const;
