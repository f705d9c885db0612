import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { isRealDate } from '../../functions/domain/months.ts';
import { OPENAPI_JSON_PATH } from '../../schemas/write-openapi.ts';

/** The committed document, as a platform team downloads it. */
export const OPENAPI_DOC = JSON.parse(readFileSync(OPENAPI_JSON_PATH, 'utf8'));

const DOC_ID = 'openapi.json';
const pointer = (...segments: string[]) => segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * ajv for OpenAPI 3.1 (JSON Schema 2020-12), with the formats the document uses registered by hand: ajv-formats
 * is not installed, and without a registered format ajv would refuse to compile (strict) or ignore it.
 */
function makeAjv(): Ajv2020 {
  // strictRequired off: an if/then that adds `required` for a property declared beside it is valid JSON Schema.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  // OpenAPI's annotation keywords: meaningless to validation, but strict mode refuses unknown keywords.
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  // The document's own top-level fields: the document is added whole so its `#/components/...` refs resolve.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths', 'components', 'security', 'webhooks']);
  ajv.addFormat('date', (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)));
  // Bytes are not JSON: a binary body is never validated as a JSON value, so any string passes.
  ajv.addFormat('binary', true);
  ajv.addSchema(OPENAPI_DOC, DOC_ID, undefined, false);
  return ajv;
}
const ajv = makeAjv();

function validator(...segments: string[]) {
  const ref = `${DOC_ID}#/${pointer(...segments)}`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`no schema at ${ref}`);
  return validate;
}

/** Errors of `body` against the documented request body of one operation (empty: valid). */
export function requestErrors(method: string, path: string, body: unknown): unknown[] {
  const validate = validator('paths', path, method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema');
  return validate(body) ? [] : (validate.errors ?? ['invalid']);
}

/** What is wrong with one response per the document: undocumented status or media type, or a body that does not match. */
export async function responseErrors(method: string, path: string, response: Response): Promise<string[]> {
  const at = `${method} ${path} → ${response.status}`;
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const documented = OPENAPI_DOC.paths[path]?.[method.toLowerCase()]?.responses?.[String(response.status)];
  if (!documented) return [`${at}: status not documented`];
  if (!documented.content?.[mediaType]) return [`${at}: ${mediaType} not documented`];
  if (!mediaType.endsWith('json')) return (await response.arrayBuffer()).byteLength > 0 ? [] : [`${at}: empty ${mediaType} body`];
  const validate = validator('paths', path, method.toLowerCase(), 'responses', String(response.status), 'content', mediaType, 'schema');
  return validate(await response.json()) ? [] : [`${at}: ${JSON.stringify(validate.errors)}`];
}
