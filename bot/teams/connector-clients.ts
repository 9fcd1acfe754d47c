import {
  AuthenticationConstants,
  ConnectorFactory,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/**
 * How many connector clients are kept at most. Teams sends from a handful of service URLs (one per
 * region); in local mode anyone may name any URL, so the kept set is bounded and the oldest goes.
 */
const KEEP_AT_MOST = 32;

/**
 * The connector clients (Bot Connector REST clients) a bot's turns reply through, kept and reused:
 * one per app id, service URL and audience; and the user-token client, one per app id. botbuilder 4.23's ConnectorFactoryImpl builds a new
 * ConnectorClient for every turn — a fresh service client, request pipeline and credentials
 * object (botframework-connector/lib/auth/connectorFactoryImpl.js `create`) — which was a large part
 * of what a reply allocated. A client holds no per-turn state: its credentials fetch and refresh
 * their own token, its pipeline is the same for every request, and HTTP connections are pooled
 * below it anyway (@azure/core-client's one default HTTP client).
 */
export class ConnectorClients {
  private readonly kept = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  /**
   * `factory` (the SDK's, for this request's claims) with its clients kept: `create` answers with
   * the kept client for the same app id, service URL and audience, and makes one through `factory`
   * only the first time (a failure is not kept).
   */
  reusing(factory: ConnectorFactory, claims: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claims);
    return new KeptFactory((serviceUrl, audience) => {
      const key = JSON.stringify([appId, serviceUrl, audience ?? null]);
      let client = this.kept.get(key);
      if (!client) {
        client = factory.create(serviceUrl, audience);
        client.catch(() => this.kept.delete(key));
        this.kept.set(key, client);
        // A Map keeps insertion order: the first key is the oldest.
        if (this.kept.size > KEEP_AT_MOST) this.kept.delete(this.kept.keys().next().value as string);
      }
      return client;
    });
  }

  /**
   * The user-token client (OAuth sign-in; this bot uses none, but the adapter makes one for every
   * turn) for the request's app id, made by `make` once per app id and then kept.
   */
  userTokenClient(claims: ClaimsIdentity, make: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    const appId = appIdOf(claims);
    let client = this.tokenClients.get(appId);
    if (!client) {
      client = make();
      client.catch(() => this.tokenClients.delete(appId));
      this.tokenClients.set(appId, client);
      if (this.tokenClients.size > KEEP_AT_MOST)
        this.tokenClients.delete(this.tokenClients.keys().next().value as string);
    }
    return client;
  }
}

/** As the SDK reads the app id a request is for (parameterizedBotFrameworkAuthentication.js getAppId). */
function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

class KeptFactory extends ConnectorFactory {
  constructor(private readonly make: (serviceUrl: string, audience?: string) => Promise<ConnectorClient>) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.make(serviceUrl, audience);
  }
}
