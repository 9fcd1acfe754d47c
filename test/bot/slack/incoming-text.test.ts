import { incomingText } from '../../../bot/slack/incoming-text';

// Text as Slack encodes it (Slack docs, "Formatting text for app surfaces"), read back into what the
// person typed before the parser sees it.
test.each<[string, string, string]>([
  [
    'a mailto link Slack made of a typed address',
    'assign ED.7 to <mailto:kim@example.org|kim@example.org>',
    'assign ED.7 to kim@example.org',
  ],
  [
    'a mailto link without a label',
    'assign ED.7 to <mailto:kim@example.org>',
    'assign ED.7 to kim@example.org',
  ],
  ['a link with a label', 'anything about <https://example.org/bins|recycling>', 'anything about recycling'],
  ['a link Slack made of a typed domain', 'see <http://example.org|example.org>', 'see example.org'],
  ['a link without a label', 'see <https://example.org/a?b=1&amp;c=2>', 'see https://example.org/a?b=1&c=2'],
  ['a mention of the bot', '<@UBOT> status of ED.7', 'status of ED.7'],
  ['a mention of the bot in the middle', 'status of <@UBOT>ED.7', 'status of ED.7'],
  ['a mention of someone else', 'ask <@UKIM> about ED.7', 'ask @UKIM about ED.7'],
  ['a mention of someone else, with a name', 'ask <@UKIM|kim> about ED.7', 'ask @kim about ED.7'],
  ['an enterprise user', 'ask <@W0KIM> about ED.7', 'ask @W0KIM about ED.7'],
  ['a channel with its name', 'post it in <#C0123|education>', 'post it in #education'],
  ['a channel without its name', 'post it in <#C0123>', 'post it in #C0123'],
  ['a channel with an empty name', 'post it in <#C0123|>', 'post it in #C0123'],
  ['@here', '<!here> status of ED.7', '@here status of ED.7'],
  ['@channel, old style', '<!channel|channel> status', '@channel status'],
  ['@everyone', '<!everyone> hello', '@everyone hello'],
  ['a user group', 'tell <!subteam^S0123|@education-team>', 'tell @education-team'],
  ['a user group without a label', 'tell <!subteam^S0123>', 'tell @S0123'],
  ['a date', 'due <!date^1392734382^{date}|18 Feb 2014>', 'due 18 Feb 2014'],
  ['the three escapes', 'red &amp; amber, 5 &lt; 6 &gt; 4', 'red & amber, 5 < 6 > 4'],
  ['an escape escaped', 'type &amp;lt; for <', 'type &lt; for <'],
  ['a literal mention typed by the person', '&lt;@UKIM&gt;', '<@UKIM>'],
  ['a < that is not Slack markup (a command, unescaped)', 'BV38 < 40 and > 20', 'BV38 < 40 and > 20'],
  ['an unclosed <', 'status of <@UBOT', 'status of <@UBOT'],
  ['line breaks and runs of spaces', '  status\n\nof   ED.7 ', 'status of ED.7'],
])('%s', (_, text, typed) => {
  expect(incomingText(text, { botUserId: 'UBOT' })).toBe(typed);
});

test("an app_mention's leading mention is the bot's while its id is not known; others stay", () => {
  expect(incomingText('<@UBOT> assign ED.7 to <@UKIM>', { mentioned: true })).toBe('assign ED.7 to @UKIM');
  expect(incomingText(' <@UBOT|golden thread> help', { mentioned: true })).toBe('help');
  // A direct message names nobody to the bot: with the id unknown, a mention stays as a name.
  expect(incomingText('<@UBOT> help')).toBe('@UBOT help');
  // Known, the id wins over position.
  expect(incomingText('<@UKIM> ask <@UBOT>', { botUserId: 'UBOT', mentioned: true })).toBe('@UKIM ask');
});

test('not a string: empty', () => {
  expect(incomingText(undefined)).toBe('');
  expect(incomingText(42)).toBe('');
});

// As test/bot/understanding/adversarial-text.test.ts: linear work on these takes milliseconds,
// quadratic work seconds (the edge lets in at most 40,000 characters; 200,000 leaves no doubt).
test.each(['<', '<@', '<@U1|', '&amp;', '<a', '<<>', '<mailto:', '<!x^', '<#C|', '<@UBOT> '])(
  '200,000 characters of %j are read within a second',
  (unit) => {
    const text = unit.repeat(Math.ceil(200_000 / unit.length));
    const started = performance.now();
    incomingText(text, { mentioned: true });
    expect(performance.now() - started).toBeLessThan(1000);
  },
);
