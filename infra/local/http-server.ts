import { asFunction } from './invocation.ts';
import { callerKey, callerRateLimiter, DEFAULT_CALLER_RATE_LIMIT, type RateLimit } from './caller-rate-limit.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ROUTES, type Route } from '../../functions/api/routes.ts';
import { logger } from '../../functions/shared/logger.ts';
import { requestTarget } from './request-target.ts';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own payload limit is 10 MB; refuse bigger bodies before buffering them. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${route.path.replace(/\{(\w+)\}/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  return { route, pattern, names };
}

function problem(res: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8', ...headers });
  res.end(JSON.stringify({ type: `https://retireone.gov.cn/problems/${status}`, title, status, detail }));
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(req: IncomingMessage, url: URL, host: string, body: Buffer, route: CompiledRoute, params: Record<string, string>): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  });
  const textual = /json|text|x-www-form-urlencoded/.test(headers['content-type'] ?? '');
  return {
    version: '2.0',
    routeKey: `${route.route.method} ${route.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(params).length ? params : undefined,
    body: body.length ? (textual ? body.toString('utf8') : body.toString('base64')) : undefined,
    isBase64Encoded: body.length > 0 && !textual,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: host,
      domainPrefix: 'local',
      http: { method: req.method!, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: `${route.route.method} ${route.route.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

/**
 * The embedded API Gateway: turns each HTTP request into an API Gateway v2 event for the same handler
 * module the Lambda runs, and the handler's result back into an HTTP response.
 */
export function createApiServer(opts: {
  devMode: boolean;
  extra?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  rateLimit?: RateLimit;
}): Server {
  const limiter = callerRateLimiter(opts.rateLimit ?? DEFAULT_CALLER_RATE_LIMIT);
  const routes = ROUTES.filter((r) => opts.devMode || !r.devOnly).map(compile);
  const modules = new Map<string, Promise<Handler>>();
  const load = (name: string) => {
    let m = modules.get(name);
    if (!m) {
      m = import(`../../functions/api/${name}.ts`).then((x: { handler: Handler }) => x.handler);
      modules.set(name, m);
    }
    return m;
  };

  return createServer(async (req, res) => {
    // Also on what never reaches a handler (unknown routes, refused request lines), as on API Gateway behind CloudFront.
    res.setHeader('x-content-type-options', 'nosniff');
    try {
      const target = requestTarget(req);
      if ('refused' in target) return problem(res, 400, 'Bad request', target.refused);
      const { url, host } = target;
      const matches = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).filter((x): x is { r: CompiledRoute; m: RegExpExecArray } => x.m !== null);
      const hit = matches.find((x) => x.r.route.method === req.method);
      if (!hit) {
        if (opts.extra && (await opts.extra(req, res, url))) return;
        if (matches.length > 0) return problem(res, 405, 'Method not allowed', `${req.method} is not allowed here.`);
        return problem(res, 404, 'Not found', 'No such endpoint.');
      }
      const wait = limiter.take(callerKey(req));
      if (wait > 0)
        return problem(res, 429, 'Too many requests', `Too many requests from this caller; try again in ${wait} s.`, { 'retry-after': String(wait) });
      const body = await readBody(req);
      if (body === 'too-large') return problem(res, 413, 'Body too large', 'The request body is too large.');
      const params: Record<string, string> = {};
      // requestTarget refused any path whose percent-encoding does not decode.
      hit.r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(hit.m[i + 1] ?? '');
      });
      const event = toEvent(req, url, host, body, hit.r, params);
      const handler = await load(hit.r.route.module);
      const result = await asFunction(`api/${hit.r.route.module}`, () =>
        handler(event, { awsRequestId: event.requestContext.requestId, functionName: hit.r.route.module } as Context),
      );
      const payload = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
      res.writeHead(result.statusCode ?? 200, {
        ...(result.headers as Record<string, string>),
        ...(payload ? { 'content-length': String(payload.length) } : {}),
      });
      res.end(payload);
    } catch (err) {
      logger.error({ err }, 'local server error');
      if (!res.headersSent) problem(res, 500, 'Internal error', 'Something went wrong on our side.');
      else res.end();
    }
  });
}
