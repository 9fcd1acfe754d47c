import {
  Channels,
  TurnContext,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
} from 'botbuilder';
import { recordSighting, referenceOf } from '../../services/people/identities';
import { renderTeams } from '../../cards/teams/render';
import type { View } from '../../services/answers/views';
import { sendErrorFor, type Sender } from '../../services/delivery/sender';

interface ConnectorError {
  statusCode?: number;
  message?: string;
  response?: { headers?: { get?(name: string): string | undefined } | Record<string, string> };
}

function retryAfter(error: ConnectorError): number | undefined {
  const headers = error.response?.headers;
  const raw =
    headers && typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(name: string): string | undefined }).get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  return raw ? Number(raw) : undefined;
}

export interface TeamsSenderOptions {
  appId: string;
  /** Where to create a 1:1 chat with someone known only by id, and in which tenant. */
  serviceUrl: string;
  tenantId?: string;
}

/**
 * Proactive Teams messages through the stored conversation reference of the person's 1:1 chat; for
 * someone the bot has never talked to (only their Teams id is known) it creates the 1:1 chat first
 * and remembers its reference, so the next message goes straight there.
 */
export function teamsSender(adapter: CloudAdapter, options: TeamsSenderOptions): Sender {
  const { appId } = options;
  const post = async (context: TurnContext, message: View) =>
    (await context.sendActivity({ attachments: [renderTeams(message)] }))?.id;
  return {
    conversationOf: (address) =>
      String((address.conversation as { id?: string } | undefined)?.id ?? address.teamsUser ?? ''),
    async send(address, message: View) {
      let id: string | undefined;
      // The adapter hands an error thrown inside a turn to its onTurnError, which logs it and
      // returns: the send would look done. Keep the error and throw it from here instead.
      let refused: unknown;
      const deliver = async (context: TurnContext) => {
        try {
          id = await post(context, message);
        } catch (error) {
          refused = error;
        }
      };
      try {
        // Known only by id when queued, but the chat may have been created since (an earlier
        // message of the same broadcast's nudge, say): then it is used, not created again.
        const known =
          typeof address.teamsUser === 'string' ? await referenceOf('teams', address.teamsUser) : undefined;
        if (typeof address.teamsUser === 'string' && !known) {
          const user = address.teamsUser;
          const tenant = options.tenantId ? { tenant: { id: options.tenantId } } : {};
          await adapter.createConversationAsync(
            appId,
            Channels.Msteams,
            options.serviceUrl,
            undefined as unknown as string, // the connector's default audience
            {
              isGroup: false,
              bot: { id: appId, name: 'Golden Thread' },
              members: [{ id: user, name: '' }],
              tenantId: options.tenantId,
              channelData: tenant,
            } as ConversationParameters,
            async (context) => {
              const reference = TurnContext.getConversationReference(context.activity);
              await recordSighting({
                platform: 'teams',
                userId: user,
                reference: { ...reference, user: { id: user } } as unknown as Record<string, unknown>,
                trusted: true, // a conversation the bot itself created
              });
              await deliver(context);
            },
          );
        } else {
          await adapter.continueConversationAsync(
            appId,
            (known ?? address) as Partial<ConversationReference>,
            deliver,
          );
        }
        if (refused) throw refused;
      } catch (error) {
        const e = error as ConnectorError;
        throw sendErrorFor(e.statusCode ?? 503, e.message ?? 'Teams send failed', retryAfter(e));
      }
      return { id };
    },
  };
}
