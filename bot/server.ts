import type { CloudAdapter, TurnContext } from 'botbuilder';
import restify from 'restify';
import type { Logger } from '../services/log/logger';

export interface ServerDeps {
  log: Logger;
  databaseReachable(): Promise<boolean>;
  teams?: { adapter: CloudAdapter; bot: (context: TurnContext) => Promise<void> };
}

/** The one HTTP server: health, the Teams endpoint, and (when configured) Slack's. */
export function createServer({ log, databaseReachable, teams }: ServerDeps): restify.Server {
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
