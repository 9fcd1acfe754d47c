// `npm start`: configuration, database (embedded unless MONGODB_URI), demo plan, HTTP server.
import 'dotenv/config';
import '../models';
import { openDatabase } from '../models/database';
import { ConfigError, listenHost, loadConfig, type Config } from '../services/config/config';
import { createLogger } from '../services/log/logger';
import { loadDemoPlan } from '../services/plan/demo';
import { createBotApp } from './app';
import { closeServer, stopOnSignals } from './shutdown';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config, log, {
    whenInUse: 'refuse',
    operationTimeoutMs: config.DATABASE_TIMEOUT_MS,
  });
  log.info({ database: db.description }, 'Database connected');
  await loadDemoPlan(config.DEMO_PLAN, db.embedded, log, config.PLAN_IMPORT_MAX_MB * 1024 * 1024);

  const { server, slack, dispatcher, scheduler } = createBotApp(config, log);
  if (config.SLACK_APP_TOKEN) await slack?.start();
  const host = listenHost(config);
  await new Promise<void>((resolve) => server.listen(config.PORT, host, resolve));
  log.info({ url: `http://localhost:${config.PORT}/healthz`, host }, 'Golden Thread is running');
  if (!config.MicrosoftAppId)
    log.warn(
      { host },
      host === '127.0.0.1'
        ? 'Local mode: listening on this machine only (127.0.0.1). Set HOST to listen elsewhere.'
        : `Local mode on ${host}: anyone who can reach this port can act as anyone in Teams.`,
    );
  // Started after listening: a due request sent before the bot can take the answers helps nobody.
  const polls = [
    scheduler.start(config.SCHEDULER_INTERVAL_MS, log),
    dispatcher.start(config.OUTBOX_INTERVAL_MS, log),
  ];

  const stop = stopOnSignals(
    {
      stopWork: async () => {
        // The outbox first: its claims go back while the HTTP requests in flight finish.
        const [{ released }] = await Promise.all([
          dispatcher.stop(),
          closeServer(server.server, 3_000),
          slack && config.SLACK_APP_TOKEN ? slack.stop() : undefined,
        ]);
        if (released) log.info({ released }, 'Sends not yet made were handed back to the outbox');
        await Promise.all(polls.map((p) => p.stop()));
      },
      closeData: () => db.close(),
    },
    log,
  );
  // The embedded database could not be restarted: exit 1, for the service manager to restart us.
  void db.failed.then((error) => stop(error.message));
}

main().catch((error: Error) => {
  console.error(`Golden Thread could not start: ${error.message}`);
  process.exit(1);
});
