/**
 * Per-route throttles on AWS, tighter than the stage's for what is expensive or open to anyone. Product
 * defaults (requests per second, burst), not law; keyed by the route table's operationId so a renamed
 * route is caught by tests/infra/api.test.ts. Per-client limits need a key API Gateway's HTTP APIs do not
 * offer: they sit in the CloudFront web ACL of infra/aws/client-rate-limits.ts.
 */
export const ROUTE_THROTTLES: Readonly<Record<string, { rateLimit: number; burstLimit: number }>> = {
  // Each booking may send a text message and takes a window seat.
  createBooking: { rateLimit: 20, burstLimit: 40 },
  // Public, unauthenticated.
  calculateRetirement: { rateLimit: 20, burstLimit: 40 },
  verifyDocumentById: { rateLimit: 20, burstLimit: 40 },
  // Open to anyone without a token, and every message is stored.
  submitFeedback: { rateLimit: 10, burstLimit: 20 },
  // Parses and checks an uploaded PDF's signatures: the most CPU per request.
  verifyUploadedPdf: { rateLimit: 5, burstLimit: 10 },
  // Public reads; each may read the table (slots) or run the deep probe (health, once per container per few seconds).
  getHealth: { rateLimit: 10, burstLimit: 20 },
  listServiceCenters: { rateLimit: 20, burstLimit: 40 },
  listSlots: { rateLimit: 20, burstLimit: 40 },
  getOpenApiDocument: { rateLimit: 10, burstLimit: 20 },
};
