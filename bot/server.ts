import restify from 'restify';
import type { Logger } from '../services/log/logger';

export interface ServerDeps {
  log: Logger;
  databaseReachable(): Promise<boolean>;
}

/** The one HTTP server: health now; the Teams and Slack endpoints mount here too. */
export function createServer({ log, databaseReachable }: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'golden-thread', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());

  server.get('/healthz', async (_req, res) => {
    const ok = await databaseReachable();
    res.json(ok ? 200 : 503, {
      status: ok ? 'ok' : 'unavailable',
      database: ok ? 'reachable' : 'unreachable',
    });
  });

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
