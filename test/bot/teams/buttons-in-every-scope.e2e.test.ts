import { startTeamsTestBot, type TeamsTestBot } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// Issue 12 (7): the help card's buttons work in a personal chat, a group chat and a channel alike.
// In a channel only messages that @mention the bot reach it, so a button that posted its text as
// the person would do nothing there; the buttons are Action.Execute, which Teams delivers to the
// bot as an `adaptiveCard/action` invoke in every scope. Each button is pressed as Teams would
// press it: the invoke carries the action exactly as the rendered card has it.
useTestDatabase();
let bot: TeamsTestBot;
let connector: TeamsTestBot['connector'];

beforeAll(async () => {
  bot = await startTeamsTestBot('plans/leicester-2003.yaml');
  ({ connector } = bot);
});
afterAll(() => bot.close());

const BOT = { id: '28:bot', name: 'Golden Thread' };
const TENANT = { id: 'tenant-1' };
const MENTION = '<at>Golden Thread</at>';

/** Where the help card is asked for: the conversation, and what Teams adds for that scope. */
const SCOPES = {
  personal: {
    conversation: { id: 'a:1-personal', conversationType: 'personal', tenantId: TENANT.id },
    channelData: { tenant: TENANT },
    text: 'help',
  },
  groupChat: {
    conversation: {
      id: '19:group-1@thread.v2',
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: TENANT.id,
    },
    channelData: { tenant: TENANT },
    text: `${MENTION} help`,
  },
  channel: {
    // A reply thread in a team's channel: the conversation id names the thread's first message.
    conversation: {
      id: '19:policy@thread.tacv2;messageid=1700000000000',
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT.id,
    },
    channelData: {
      tenant: TENANT,
      team: { id: '19:team-1@thread.tacv2', name: 'Policy and Performance' },
      channel: { id: '19:policy@thread.tacv2', name: 'Corporate plan' },
      teamsTeamId: '19:team-1@thread.tacv2',
      teamsChannelId: '19:policy@thread.tacv2',
    },
    text: `${MENTION} help`,
  },
} as const;

let seq = 0;
function activity(scope: keyof typeof SCOPES, extra: Record<string, unknown>): Record<string, unknown> {
  const { conversation, channelData } = SCOPES[scope];
  return {
    type: 'message',
    id: `${scope}-${++seq}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:alex', name: 'Alex Wilber', aadObjectId: 'aad-alex' },
    recipient: BOT,
    conversation,
    channelData,
    ...extra,
  };
}

async function post(body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${bot.base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

interface CardAction {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** Asks for help in the scope and returns the card the bot sent there, with the id it got. */
async function helpCard(scope: keyof typeof SCOPES) {
  const before = connector.calls.length;
  const text = SCOPES[scope].text;
  const mention = { type: 'mention', text: MENTION, mentioned: BOT };
  expect(
    (await post(activity(scope, { text, entities: text.includes(MENTION) ? [mention] : [] }))).status,
  ).toBe(200);
  const sent = connector.calls.slice(before).filter((c) => c.method === 'POST');
  expect(sent).toHaveLength(1);
  expect(sent[0]?.path.startsWith(`/v3/conversations/${SCOPES[scope].conversation.id}/activities/`)).toBe(
    true,
  );
  const attachments = sent[0]?.body.attachments as { content: { actions: CardAction[] } }[];
  return { id: sent[0]?.answer?.id ?? '', actions: attachments[0]?.content.actions ?? [] };
}

describe.each(Object.keys(SCOPES) as (keyof typeof SCOPES)[])('Teams %s', (scope) => {
  test("pressing each of the help card's buttons gets its answer card back", async () => {
    const card = await helpCard(scope);
    expect(card.actions.map((a) => a.title)).toEqual([
      'status of ED.1',
      'ed1',
      'show the education priorities',
    ]);
    const answers: string[] = [];
    for (const button of card.actions) {
      expect(button.type).toBe('Action.Execute');
      const before = connector.calls.length;
      const pressed = await post(
        activity(scope, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: card.id,
          value: { action: { type: button.type, verb: button.verb, data: button.data }, trigger: 'manual' },
        }),
      );
      expect(pressed.status).toBe(200);
      expect(pressed.body).toMatchObject({
        statusCode: 200,
        type: 'application/vnd.microsoft.card.adaptive',
      });
      answers.push(JSON.stringify((pressed.body as { value: unknown }).value));
      // The answer replaces the card for whoever pressed it; nothing is posted to the conversation.
      expect(connector.calls.slice(before)).toEqual([]);
    }
    const [status, ed1, education] = answers;
    expect(status).toContain('ED.1');
    expect(status).toContain('40.7%');
    expect(ed1).toContain('Raise attainment of all pupils.');
    expect(education).toContain('ED.2');
  });
});
