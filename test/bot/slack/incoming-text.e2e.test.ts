import { Target } from '../../../models';
import { importFixture, startTestBot } from '../../support/bot-app';
import { chatClient } from '../../support/chat';
import { useTestDatabase } from '../../support/database';
import type { Recorded } from '../../support/recording-connector';
import { callsAfter, dm, slackEvents } from './events';
import { startSlackApiStub } from './web-api-stub';

// Text as Slack encodes it reaches the parser as the person typed it, on every way in — a direct
// message, an @mention, /plan — and the answer goes where the question was asked: in its thread.
// Real HTTP, signed requests, a Slack Web API stub, the real database.
useTestDatabase();
const SECRET = 'incoming-text-secret';
let stub: Awaited<ReturnType<typeof startSlackApiStub>>;
let slack: ReturnType<typeof slackEvents>;
let chat: ReturnType<typeof chatClient>;
let close: () => void;

beforeAll(async () => {
  await importFixture('test/fixtures/slack-text-plan.yaml', 'pat@text.gov.uk');
  stub = await startSlackApiStub((call) =>
    call.path === '/api/auth.test' ? { body: { ok: true, user_id: 'UBOT', bot_id: 'BBOT' } } : undefined,
  );
  let base: string;
  ({ base, close } = await startTestBot({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${stub.url}/api/`,
  }));
  slack = slackEvents(base, SECRET);
  chat = chatClient({ base, connector: stub.url, calls: stub.calls, secret: SECRET });
});
afterAll(async () => {
  close();
  await stub.close();
});

/** Every `text` in a Slack message (its fallback and its blocks), one per line, as a person reads it. */
function textOf(message: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else if (key === 'blocks' && typeof value === 'string') walk(JSON.parse(value));
        else walk(value);
      }
  };
  walk(message);
  return texts.join('\n');
}

/** The one chat.postMessage an event is answered with. */
async function answerTo(event: Record<string, unknown>): Promise<Recorded> {
  const before = stub.calls.length;
  expect((await slack.event(event)).status).toBe(200);
  const posted = await callsAfter(stub.calls, before, 'chat.postMessage');
  expect(posted).toHaveLength(1);
  return posted[0] as Recorded;
}
const ways: Record<string, (text: string) => Promise<string>> = {
  'a direct message': async (text) => textOf((await answerTo(dm('UPAT', text))).body),
  'an @mention': async (text) =>
    textOf(
      (
        await answerTo({
          type: 'app_mention',
          channel: 'C1',
          user: 'UPAT',
          text: `<@UBOT> ${text}`,
          ts: '1.1',
        })
      ).body,
    ),
  '/plan': async (text) => {
    const res = await slack.command(text, 'UPAT');
    expect(res.status).toBe(200);
    return textOf(JSON.parse(res.text));
  },
};

test.each(Object.keys(ways))(
  'assign ED.7 to <mailto:kim@example.org|kim@example.org> through %s: Kim is assigned',
  async (way) => {
    await Target.updateOne({ _id: 'text-borough:ED.7/1' }, { $unset: { owner: 1 } });
    const reply = await ways[way]!('assign ED.7 to <mailto:kim@example.org|kim@example.org>');
    expect(reply).toContain('Kim Example is now owner of 1 target (ED.7).');
    expect((await Target.findById('text-borough:ED.7/1').lean())?.owner).toBe('kim@example.org');
  },
);

describe.each(Object.keys(ways))('through %s', (way) => {
  test.each<[string, string, string]>([
    [
      'a mailto link without a label',
      'assign ED.7 deputy to <mailto:lee@example.org>',
      'Lee Example is now deputy of 1 target (ED.7).',
    ],
    [
      'a link with a label',
      'anything about <https://example.org/schools|attendance>?',
      'To reduce unauthorised absence to 1%',
    ],
    [
      'a link without a label',
      'anything about <https://example.org/truancy>',
      'anything about "https example org truancy"',
    ],
    ['a channel', 'anything about <#C0123|truancy>', 'anything about "truancy"'],
    ['a mention of someone else', 'anything about <@UKIM|kim>', 'anything about "kim"'],
    ['a mention of the bot', '<@UBOT> status of ED.7', 'Improve school attendance.'],
    ['@here and an escaped &', '<!here> anything red &amp; amber?', 'No target is reported Red or Amber'],
  ])('%s: %s', async (_, text, fact) => {
    expect(await ways[way]!(text)).toContain(fact);
  });
});

describe('answered in the thread where asked', () => {
  test('an @mention in a thread is answered in that thread; one in the channel, in the channel', async () => {
    const mention = { type: 'app_mention', channel: 'C1', user: 'UPAT', text: '<@UBOT> status of ED.7' };
    const threaded = await answerTo({ ...mention, ts: '1767520900.000200', thread_ts: '1767520800.000100' });
    expect(threaded.body).toMatchObject({ channel: 'C1', thread_ts: '1767520800.000100' });
    expect(textOf(threaded.body)).toContain('Improve school attendance.');
    const top = await answerTo({ ...mention, ts: '1767521000.000300' });
    expect(top.body.channel).toBe('C1');
    expect(top.body.thread_ts).toBeUndefined();
  });

  test('a direct message in a thread is answered in that thread', async () => {
    const posted = await answerTo(dm('UPAT', 'status of ED.7', { thread_ts: '1767520800.000100' }));
    expect(posted.body).toMatchObject({ channel: 'D-UPAT', thread_ts: '1767520800.000100' });
  });

  test('a suggestion clicked under an answer in a thread answers in that thread', async () => {
    const before = stub.calls.length;
    const click = {
      type: 'block_actions',
      team: { id: 'T1', domain: 'text' },
      user: { id: 'UPAT', username: 'upat', name: 'Pat Policy', team_id: 'T1' },
      api_app_id: 'A1',
      trigger_id: 'trigger-thread',
      channel: { id: 'C1', name: 'general' },
      container: {
        type: 'message',
        message_ts: '1767520900.000200',
        channel_id: 'C1',
        thread_ts: '1767520800.000100',
      },
      message: { ts: '1767520900.000200', thread_ts: '1767520800.000100', type: 'message', text: '' },
      actions: [
        { type: 'button', action_id: 'ask_0', block_id: 'b', value: 'status of ED.7', action_ts: '1' },
      ],
    };
    expect((await chat.slack(click)).status).toBe(200);
    const posted = await callsAfter(stub.calls, before, 'chat.postMessage');
    expect(posted.map((c) => [c.body.channel, c.body.thread_ts])).toEqual([['C1', '1767520800.000100']]);
  });
});
