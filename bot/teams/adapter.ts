import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { isDatabaseUnavailable } from '../../models/database';
import type { Config } from '../../services/config/config';
import type { Logger } from '../../services/log/logger';
import { apologyFor } from '../../services/answers/apologies';
import { ConnectorClients } from './connector-clients';

/**
 * Token checks that refuse every bad token as unauthenticated. botbuilder lets some failures
 * (jsonwebtoken's, for a token signed with HS256 or a stranger's key) escape as plain errors, which
 * the adapter answers 500 with the library's message; here any failure is a 401. Replies and
 * proactive sends go through connector clients kept per service URL (connector-clients.ts), not a
 * new one per turn.
 */
class RefusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ConnectorClients();

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError(`Unauthorized: ${(error as Error).message}`, 401);
    }
    const { connectorFactory, claimsIdentity } = result;
    return connectorFactory
      ? { ...result, connectorFactory: this.clients.reusing(connectorFactory, claimsIdentity) }
      : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.clients.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }
}

/**
 * The connector client's own retries (up to three per request, with backoff) are taken out of every
 * turn's client. For the outbox, the dispatcher paces sends, pauses the whole app on a 429 and
 * retries with backoff — SDK retries would knock again behind its back while the platform asks
 * everyone to wait. For a reply, they held the person's request for seconds when the connector
 * could not be reached. Connector clients are kept and reused (connector-clients.ts): taking the
 * policy out of a client that has none any more changes nothing.
 */
function withoutSdkRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as
    { client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } } } | undefined;
  connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
}

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
  const auth = new RefusingAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppId ? config.MicrosoftAppType : 'MultiTenant',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.use(async (context, next) => {
    withoutSdkRetries(context);
    await next();
  });
  adapter.onTurnError = async (context, error) => {
    const unavailable = isDatabaseUnavailable(error);
    log.error({ err: error, activity: context.activity?.type, unavailable }, 'Teams turn failed');
    if (context.activity?.type === 'message') {
      await context.sendActivity(apologyFor(error, 'reply')).catch(() => undefined);
    }
  };
  return adapter;
}
