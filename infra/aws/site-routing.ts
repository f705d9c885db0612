import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The pages under web/: every directory holding an index.html, as a path relative to web/ without
 * slashes ('' is web/ itself, then e.g. 'staff', 'verify'). Read at synth time, so a new page
 * directory gets routed without touching the CDK app.
 */
export function pageDirectories(webRoot: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name === 'index.html')) found.push(relative(webRoot, dir).split(sep).join('/'));
    for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name));
  };
  walk(webRoot);
  return found.sort();
}

/**
 * Source of the CloudFront Function (cloudfront-js-2.0, viewer request) in front of the site bucket.
 * It mirrors infra/local/static-files.ts: a path whose last segment has an extension is a file and
 * passes unchanged; any other path is a page, served by `<path>/index.html` when that page exists,
 * else by its parent's index.html (`/verify/RT…-01` → `/verify/index.html`). The one difference: a
 * trailing slash after a page argument (`/verify/RT…-01/`) is tolerated, as web/verify/verify.js does.
 * Anything else passes unchanged and S3 answers it (403: the distribution may not list the bucket).
 */
export function viewerRequestCode(pages: readonly string[]): string {
  return `var PAGES = ${JSON.stringify(pages)};
function indexOf(dir) {
  return dir === '' ? '/index.html' : '/' + dir + '/index.html';
}
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') !== -1) return request;
  var path = uri.replace(/^\\/+/, '').replace(/\\/+$/, '');
  if (PAGES.indexOf(path) !== -1) {
    request.uri = indexOf(path);
    return request;
  }
  var cut = path.lastIndexOf('/');
  var parent = cut === -1 ? '' : path.substring(0, cut);
  if (parent !== '' && PAGES.indexOf(parent) !== -1) request.uri = indexOf(parent);
  return request;
}
`;
}
