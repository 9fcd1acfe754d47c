import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../../services/config/config';
import type { Logger } from '../../services/log/logger';

/**
 * The Bot Framework adapter. With an app id every request's token is verified; without one it runs
 * in local mode (Emulator, tests), which config refuses in production unless asked for.
 */
export function createTeamsAdapter(config: Config, log: Logger): CloudAdapter {
  if (!config.MicrosoftAppId) {
    log.warn(
      'Teams endpoint in LOCAL MODE: requests are not authenticated. Set MicrosoftAppId for real use.',
    );
  }
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppId ? config.MicrosoftAppType : 'MultiTenant',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activity: context.activity?.type }, 'Teams turn failed');
    if (context.activity?.type === 'message') {
      await context
        .sendActivity('Sorry — something went wrong answering that. Please try again in a moment.')
        .catch(() => undefined);
    }
  };
  return adapter;
}
