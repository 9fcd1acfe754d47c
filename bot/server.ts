import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify from 'restify';
import type { File } from '../services/files';
import type { Links } from '../services/links';
import type { Logger } from '../services/log/logger';

export interface ServerDeps {
  log: Logger;
  databaseReachable(): Promise<boolean>;
  teams?: { adapter: CloudAdapter; bot: (context: TurnContext) => Promise<void> };
  /** Exports, charts and calendar files, behind signed links. */
  files?: { links: Links; fileAt(path: string): Promise<File | undefined> };
}

/** The one HTTP server: health, the Teams endpoint, and (when configured) Slack's. */
export function createServer({ log, databaseReachable, teams, files }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'golden-thread', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());

  server.get('/healthz', async (_req, res) => {
    const ok = await databaseReachable();
    res.json(ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      database: ok ? 'reachable' : 'unreachable',
    });
  });

  if (teams) {
    // CloudAdapter wants a parsed JSON body; a malformed one is refused with 400 before it.
    server.post(
      '/api/messages',
      restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }),
      async (req, res) => {
        await teams.adapter.process(req, res, teams.bot);
      },
    );
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
