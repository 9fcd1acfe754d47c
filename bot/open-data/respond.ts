import type restify from 'restify';

/**
 * Cached for five minutes by browsers and shared caches: the data is public and changes at most
 * once a monitoring cycle, and an ETag revalidates it cheaply after that (RFC 9111 §5.2.2).
 */
export const CACHE_CONTROL = 'public, max-age=300';

/** Headers on every open-data answer: anyone may read it from any site, and nothing is sniffed. */
const COMMON = {
  'access-control-allow-origin': '*',
  'x-content-type-options': 'nosniff',
};

/**
 * Whether an If-None-Match header names this entity tag (RFC 9110 §13.1.2: a list of tags or `*`,
 * compared weakly, so `W/"x"` matches `"x"`).
 */
export function matchesTag(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const want = tag.replace(/^W\//, '');
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t.replace(/^W\//, '') === want);
}

/**
 * Sends a published representation: 304 with no body when the client holds this version,
 * otherwise the body (none for HEAD, with the length a GET would have).
 */
export async function sendTagged(
  req: restify.Request,
  res: restify.Response,
  tag: string,
  contentType: string,
  /** Made only when it is to be sent: a 304 builds nothing. */
  body: () => string | Promise<string>,
  extra: Record<string, string> = {},
): Promise<void> {
  const etag = `"${tag}"`;
  const headers = { ...COMMON, etag, 'cache-control': CACHE_CONTROL, ...extra };
  if (matchesTag(req.header('if-none-match'), etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const bytes = Buffer.from(await body(), 'utf8');
  res.writeHead(200, { ...headers, 'content-type': contentType, 'content-length': bytes.length });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** A short refusal (400, 404) or failure (503) that no cache keeps. */
export function sendProblem(
  req: restify.Request,
  res: restify.Response,
  status: number,
  message: string,
  as: 'json' | 'text',
): void {
  const body = as === 'json' ? JSON.stringify({ error: message }) : `${message}\n`;
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    ...COMMON,
    'content-type': as === 'json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
