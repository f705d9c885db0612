import type { IncomingMessage } from 'node:http';

/** A host name, IPv4 address or bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

export type RequestTarget = { url: URL; host: string } | { refused: string };

/**
 * The request line's target and the Host header as the router needs them, or why the request is malformed
 * (a 400, never a 5xx). Only the origin form (`/path?query`) is served: `//other-host/…` must stay a path
 * rather than become another authority, which is why the URL is not parsed against the Host header.
 */
export function requestTarget(req: IncomingMessage): RequestTarget {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return { refused: 'The request target must be a path.' };
  const host = req.headers.host ?? (req.httpVersion === '1.0' ? 'localhost' : '');
  const m = HOST.exec(host);
  if (!m || Number(m[1] ?? 0) > 65535) return { refused: 'The Host header is not a valid host.' };
  let url: URL;
  try {
    url = new URL(`http://localhost${target}`);
    // Every later step decodes the path (route parameters, static files): a bad %-sequence is refused once, here.
    decodeURIComponent(url.pathname);
  } catch {
    return { refused: 'The path is not a valid URL path (malformed percent-encoding).' };
  }
  return { url, host };
}
