import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { PAGE_HEADERS } from '../page-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

/**
 * Serves the citizen pages and the staff console from web/ (on AWS they sit behind the same domain as
 * static assets). A path without an extension is a page: `/verify/RT…-01` → `web/verify/index.html`.
 */
export function staticFiles(root: string) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = normalize(decodeURIComponent(url.pathname));
    if (path.includes(`..${sep}`) || path.startsWith('..')) return false;
    const parent = path.replace(/\/$/, '').split('/').slice(0, -1).join('/');
    const candidates = extname(path) ? [join(root, path)] : [join(root, path, 'index.html'), ...(parent ? [join(root, parent, 'index.html')] : [])];
    for (const file of candidates) {
      if (!file.startsWith(root)) continue;
      try {
        if (!(await stat(file)).isFile()) continue;
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': String(body.length),
          ...PAGE_HEADERS,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
        return true;
      } catch {
        // try the next candidate
      }
    }
    return false;
  };
}
