/**
 * pdf-lib compresses every stream it writes (the subset font, the page contents, the ToUnicode map) with pako's
 * `deflate`, deflate written in JavaScript, and has no option to hand it another compressor. Node's zlib writes
 * the same format (RFC 1950 zlib, at the same default level 6) in C.
 *
 * Measured 2026-12-07 in the seal worker's CPU profile (`npm run bench`): pako took 14% of the seal thread, about
 * 16 ms of a paper's 33; on a 60 kB buffer zlib took 1.2 ms where pako took 2.8.
 *
 * So the one pako module pdf-lib uses gets Node's deflate: under Node, pdf-lib's CommonJS build requires the same
 * module this file imports, and the Lambda bundle holds a single pako (`tests/infra/bundling.test.ts` checks the seal
 * bundle). Importing this module once, before pdf-lib writes, is enough; `tests/unit/documents/native-deflate.test.ts`
 * keeps it so.
 */
import pako from 'pako';
import { deflateSync } from 'node:zlib';

const javascriptDeflate = pako.deflate;

const nodeDeflate = (data: pako.Data): Uint8Array => deflateSync(Array.isArray(data) ? Uint8Array.from(data) : data);

// pdf-lib calls deflate(data) only, never with options or a streaming Deflate; anything else keeps pako's own.
pako.deflate = ((data: pako.Data, options?: pako.DeflateFunctionOptions) =>
  options === undefined ? nodeDeflate(data) : javascriptDeflate(data, options)) as typeof pako.deflate;
