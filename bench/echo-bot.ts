import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

/**
 * The baseline for the ask benchmark: a bare botbuilder echo bot on the same restify setup as
 * bot/server.ts (same server options, query parser and body parser limit) and a CloudAdapter in the
 * same local mode as bot/teams/adapter.ts without credentials. It answers with the text it got.
 */
export function createEchoServer(): restify.Server {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    }),
  );
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.post('/api/messages', restify.plugins.bodyParser({ maxBodySize: 1024 * 1024 }), async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await context.sendActivity(context.activity.text);
    });
  });
  return server;
}
