import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify from 'restify';
import { mountOpenData } from './open-data/routes';
import { teamsEndpoint } from './teams/endpoint';
import type { File } from '../services/files';
import type { Links } from '../services/links';
import type { Logger } from '../services/log/logger';
import { bearerMatches } from '../services/metrics/access';
import type { Metrics } from '../services/metrics/metrics';

/**
 * Largest Teams request taken, in bytes. Teams caps a message at about 28 KB (Teams docs, "Format
 * your bot messages"); an update form's five fields at their 50,000-character limit fit too.
 */
const TEAMS_MAX_BODY = 256 * 1024;

export interface ServerDeps {
  log: Logger;
  databaseReachable(): Promise<boolean>;
  /**
   * `local` when Teams requests are not authenticated (no MicrosoftAppId): /healthz says so, so
   * nobody mistakes a local-mode bot for a secured one.
   */
  authentication: 'on' | 'local';
  teams?: { adapter: CloudAdapter; bot: (context: TurnContext) => Promise<void> };
  /** Exports, charts and calendar files, behind signed links. */
  files?: { links: Links; fileAt(path: string): Promise<File | undefined> };
  /** Records every request and serves GET /metrics (behind the token, when there is one); absent: 404. */
  metrics?: { recorder: Metrics; token?: string };
}

/** The one HTTP server: health, the Teams endpoint, and (when configured) Slack's. */
export function createServer({
  log,
  databaseReachable,
  authentication,
  teams,
  files,
  metrics,
}: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'golden-thread', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  if (metrics) serveMetrics(server, metrics, log);

  server.get('/healthz', async (_req, res) => {
    const ok = await databaseReachable();
    res.json(ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      database: ok ? 'reachable' : 'unreachable',
      teamsAuthentication: authentication === 'on' ? 'on' : 'off (local mode)',
    });
  });

  if (teams) {
    // Read raw (a too-large body is refused 413): the endpoint parses it, so a malformed body gets
    // its short answer rather than the parser's message.
    server.post(
      '/api/messages',
      restify.plugins.bodyReader({ maxBodySize: TEAMS_MAX_BODY }),
      teamsEndpoint(teams.adapter, teams.bot, log),
    );
    // The Agents Playground (`npm run playground`) checks the bot is there with a HEAD every few
    // seconds: answered, rather than logged as a refused request each time.
    server.head('/api/messages', async (_req, res) => {
      res.send(200);
    });
  }

  if (files) {
    server.get('/files/*', async (req, res) => {
      const path = (req.getPath() ?? '').split('?')[0] ?? '';
      if (!files.links.verify(path, (req.query as Record<string, unknown> | undefined)?.sig)) {
        log.warn({ path }, 'File link refused: bad or missing signature');
        res.json(403, { error: 'This link is not valid. Ask the bot for a fresh one.' });
        return;
      }
      const file = await files.fileAt(path).catch((error: Error) => {
        log.error({ err: error, path }, 'File could not be made');
        return undefined;
      });
      if (!file) {
        res.json(404, { error: 'There is nothing at this link any more.' });
        return;
      }
      const body = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': body.length,
        'content-disposition': `${file.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${file.filename}"`,
        'cache-control': 'private, no-store',
      });
      res.end(body);
    });
  }

  // Public, read-only, no login: the plans' confirmed figures with no personal data (README "Open data").
  mountOpenData(server, log);

  server.on('restifyError', (req, _res, error, callback) => {
    log.warn(
      {
        method: req.method,
        url: req.url,
        status: (error as { statusCode?: number }).statusCode,
        error: error.message,
      },
      'request refused',
    );
    return callback();
  });
  return server;
}

/**
 * Times every request by its route's pattern (`/files/*`, never the raw URL, so the label set stays
 * small whatever is requested; "unmatched" for a 404), and serves the metrics.
 */
function serveMetrics(
  server: restify.Server,
  { recorder, token }: NonNullable<ServerDeps['metrics']>,
  log: Logger,
) {
  const started = new WeakMap<restify.Request, bigint>();
  server.pre((req, _res, next) => {
    started.set(req, process.hrtime.bigint());
    next();
  });
  server.on('after', (req: restify.Request, res: restify.Response, route?: { path?: unknown }) => {
    const start = started.get(req);
    if (start === undefined) return;
    const path = typeof route?.path === 'string' ? route.path : 'unmatched';
    recorder.httpRequest(
      req.method ?? 'GET',
      path,
      res.statusCode,
      Number(process.hrtime.bigint() - start) / 1e9,
    );
  });
  server.get('/metrics', async (req, res) => {
    if (token !== undefined && !bearerMatches(req.header('authorization'), token)) {
      log.warn({ ip: req.socket.remoteAddress }, 'Metrics refused: missing or wrong token');
      res.header('www-authenticate', 'Bearer realm="metrics"');
      res.json(401, { error: 'This needs Authorization: Bearer <METRICS_TOKEN>.' });
      return;
    }
    const { contentType, body } = await recorder.scrape();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  });
}
