import { buildOpenApiDocument } from '../../schemas/openapi.ts';
import { httpHandler } from './http/handler.ts';
import { operations } from './routes.ts';

// Built on the first request and kept for the life of the process (one Lambda container, or the local server).
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** GET /v1/openapi.json: the contract, generated from the same zod schemas the handlers validate with. */
export const handler = httpHandler(operations.getOpenApiDocument, {
  async handle() {
    document ??= buildOpenApiDocument();
    return { status: 200, body: document, headers: { 'cache-control': 'public, max-age=300' } };
  },
});
