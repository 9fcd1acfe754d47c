import { createHash } from 'node:crypto';
import type restify from 'restify';
import type { Logger } from '../../services/log/logger';
import { openDataCsv } from '../../services/open-data/csv';
import { OpenDataFeed } from '../../services/open-data/feed';
import { openDataHtml } from '../../services/open-data/html';
import { openDataJsonSchema } from '../../services/open-data/model';
import { sendProblem, sendTagged } from './respond';

/** The answer to a path that cannot name a plan, with where the plans are. */
const NOT_A_PLAN_ID = 'That is not a plan id. The plans are listed at /open-data/plans.json.';

const JSON_TYPE = 'application/json; charset=utf-8';
/** RFC 4180 `header` parameter: the first row names the columns. */
const CSV_TYPE = 'text/csv; charset=utf-8; header=present';
const HTML_TYPE = 'text/html; charset=utf-8';
/** No script, no frames, nothing fetched: the page is its own markup and inline style. */
const HTML_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** A plan id is a slug (services/plan-file/schema.ts); anything else is refused before any read. */
const PLAN_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;
const FORMATS = { '.json': 'json', '.csv': 'csv' } as const;
type Format = 'json' | 'csv' | 'html';

/** `leicester-2003.json` → the id and the form asked for; undefined for anything that is not one. */
export function parsePlanPath(name: string): { planId: string; format: Format } | undefined {
  const dot = name.lastIndexOf('.');
  const suffix = dot > 0 ? name.slice(dot) : '';
  const format: Format | undefined = suffix ? FORMATS[suffix as keyof typeof FORMATS] : 'html';
  const planId = suffix ? name.slice(0, dot) : name;
  return format && PLAN_ID.test(planId) ? { planId, format } : undefined;
}

/**
 * The public open-data routes: no login, read-only (GET and HEAD only), no personal data.
 * `/open-data/plans.json`, `/open-data/plans/{id}.json`, `.csv`, the page `/open-data/plans/{id}`,
 * and the JSON Schema at `/open-data/schema.json`. Each answer carries an entity tag from the
 * plan's revision and `Cache-Control: public, max-age=300`; a request naming the current tag in
 * If-None-Match gets 304. A malformed id gets 400, an unknown plan 404, and a database failure 503,
 * each with a short body; the detail goes to the log.
 */
export function mountOpenData(server: restify.Server, log: Logger, feed = new OpenDataFeed()): void {
  const schemaText = `${JSON.stringify(openDataJsonSchema(), null, 2)}\n`;
  const schemaTag = createHash('sha256').update(schemaText).digest('base64url').slice(0, 22);
  const guarded =
    (as: 'json' | 'text', handler: restify.RequestHandler): restify.RequestHandler =>
    async (req, res) => {
      try {
        await handler(req, res, () => undefined);
      } catch (error) {
        log.error({ err: error, url: req.url }, 'Open data could not be served');
        sendProblem(req, res, 503, 'The open data cannot be read just now. Try again in a few minutes.', as);
      }
    };

  const list = guarded('json', async (req, res) => {
    const { tag, body } = await feed.list();
    await sendTagged(req, res, `${tag}-list`, JSON_TYPE, () => JSON.stringify(body));
  });
  const schema = guarded('json', async (req, res) => {
    await sendTagged(req, res, schemaTag, 'application/schema+json; charset=utf-8', () => schemaText);
  });
  const plan = guarded('text', async (req, res) => {
    const name = String((req.params as Record<string, unknown> | undefined)?.name ?? '');
    const wanted = parsePlanPath(name);
    if (!wanted) {
      log.info({ length: name.length }, 'Open data refused: not a plan id');
      sendProblem(req, res, 400, NOT_A_PLAN_ID, 'text');
      return;
    }
    const { planId, format } = wanted;
    const tag = await feed.planTag(planId);
    if (!tag) {
      const as = format === 'json' ? 'json' : 'text';
      sendProblem(
        req,
        res,
        404,
        `There is no plan "${planId}". The plans are listed at /open-data/plans.json.`,
        as,
      );
      return;
    }
    const data = async () => {
      const found = await feed.planAt(planId, tag);
      if (!found) throw new Error(`Plan ${planId} went while its open data was being read`);
      return found.body;
    };
    const etag = `${tag}-${format}`;
    if (format === 'json')
      await sendTagged(req, res, etag, JSON_TYPE, async () => JSON.stringify(await data()));
    else if (format === 'csv')
      await sendTagged(req, res, etag, CSV_TYPE, async () => openDataCsv(await data()), {
        'content-disposition': `attachment; filename="${planId}.csv"`,
      });
    else
      await sendTagged(req, res, etag, HTML_TYPE, async () => openDataHtml(await data()), {
        'content-security-policy': HTML_POLICY,
      });
  });

  // Anything else under /open-data — an id longer than the router takes a parameter to be (100),
  // a path with more segments — gets a short answer, not the router's 404 repeating the whole URL.
  const other = guarded('text', async (req, res) => {
    const rest = String((req.params as Record<string, unknown> | undefined)?.['*'] ?? '');
    if (rest.startsWith('plans/')) sendProblem(req, res, 400, NOT_A_PLAN_ID, 'text');
    else
      sendProblem(
        req,
        res,
        404,
        'There is nothing here. The plans are listed at /open-data/plans.json.',
        'text',
      );
  });

  for (const [path, handler] of [
    ['/open-data/plans.json', list],
    ['/open-data/schema.json', schema],
    ['/open-data/plans/:name', plan],
    ['/open-data/*', other],
  ] as const) {
    server.get(path, handler);
    server.head(path, handler);
  }
}
