/**
 * `npm run openapi`: writes schemas/openapi.json from the zod schemas. The file is committed so clients can
 * read the contract without running anything; tests/unit/openapi.test.ts fails when it drifts.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './openapi.ts';

export const OPENAPI_JSON_PATH = fileURLToPath(new URL('./openapi.json', import.meta.url));

/** The exact bytes of the committed file: two-space JSON with a final newline. */
export function serializeOpenApiDocument(doc: unknown = buildOpenApiDocument()): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_JSON_PATH, serializeOpenApiDocument());
  console.log(`wrote ${OPENAPI_JSON_PATH}`);
}
