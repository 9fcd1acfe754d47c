import { botIdentity, type AuthTest } from '../../../bot/slack/identity';
import { createLogger } from '../../../services/log/logger';

// The bot's Slack identity is learnt once, in the background, and never waited for: what is known
// now is given at once; a failed auth.test is asked again only after Slack's Retry-After (or a
// minute), and never by two callers at a time.
let clock = 0;
const log = createLogger('silent');
const rateLimited = (seconds: number) => Object.assign(new Error('429'), { retryAfter: seconds });

function fake(...answers: (AuthTest | Error)[]) {
  const asked: number[] = [];
  const authTest = async () => {
    asked.push(clock);
    const next = answers.shift() ?? { user_id: 'UBOT', bot_id: 'BBOT' };
    if (next instanceof Error) throw next;
    return next;
  };
  return { asked, identity: botIdentity(authTest, { log, now: () => clock }) };
}

test('one auth.test however many events, and nothing waits for it', async () => {
  clock = 0;
  const { asked, identity } = fake({ user_id: 'UBOT', bot_id: 'BBOT' });
  // Five events arrive before auth.test has answered: each gets what is known (nothing) at once.
  expect([1, 2, 3, 4, 5].map(() => identity.current())).toEqual([{}, {}, {}, {}, {}]);
  await identity.settled();
  for (let i = 0; i < 5; i++) expect(identity.current()).toEqual({ botUserId: 'UBOT', botId: 'BBOT' });
  expect(asked).toEqual([0]);
});

test("throttled: asked again only after Slack's Retry-After, then kept", async () => {
  clock = 0;
  const { asked, identity } = fake(rateLimited(30));
  expect(identity.current()).toEqual({});
  await identity.settled();
  clock = 29_999;
  expect(identity.current()).toEqual({});
  await identity.settled();
  expect(asked).toEqual([0]);
  clock = 30_000;
  expect(identity.current()).toEqual({});
  await identity.settled();
  expect(identity.current()).toEqual({ botUserId: 'UBOT', botId: 'BBOT' });
  expect(asked).toEqual([0, 30_000]);
});

test('any other failure: asked again after a minute', async () => {
  clock = 0;
  const { asked, identity } = fake(new Error('fetch failed'));
  identity.current();
  await identity.settled();
  clock = 59_999;
  identity.current();
  clock = 60_000;
  identity.current();
  await identity.settled();
  expect(identity.current()).toEqual({ botUserId: 'UBOT', botId: 'BBOT' });
  expect(asked).toEqual([0, 60_000]);
});
