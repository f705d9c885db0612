/**
 * On every API answer: a browser must take a JSON or PDF answer as what its Content-Type says, never sniff it into
 * HTML or script. CloudFront adds it too, but the API Gateway endpoint can be called without CloudFront.
 */
export const NO_SNIFF: Readonly<Record<string, string>> = { 'x-content-type-options': 'nosniff' };
