import type { CloudAdapter, ConversationReference } from 'botbuilder';
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

/** Proactive Teams messages through the stored conversation reference of the person's 1:1 chat. */
export function teamsSender(adapter: CloudAdapter, appId: string): Sender {
  return {
    conversationOf: (address) => String((address.conversation as { id?: string } | undefined)?.id ?? ''),
    async send(address, message: View) {
      let id: string | undefined;
      try {
        await adapter.continueConversationAsync(
          appId,
          address as Partial<ConversationReference>,
          async (context) => {
            id = (await context.sendActivity({ attachments: [renderTeams(message)] }))?.id;
          },
        );
      } catch (error) {
        const e = error as ConnectorError;
        throw sendErrorFor(e.statusCode ?? 503, e.message ?? 'Teams send failed', retryAfter(e));
      }
      return { id };
    },
  };
}
