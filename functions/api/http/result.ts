/** What a handler answers; the wrapper (handler.ts) turns it into the API Gateway response. */
export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes (e.g. a PDF); sent base64-encoded through API Gateway. */
  bytes?: Uint8Array;
}
