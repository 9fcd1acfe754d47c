import { typedText } from '../../../bot/teams/typed-text';

test.each([
  ['status of ED.1', 'status of ED.1'],
  ['<at>Golden Thread</at> status of ED.1', 'status of ED.1'],
  ['<p>status of <strong>ED.1</strong></p>', 'status of ED.1'],
  [
    '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension"><span content="0" itemprop="cardId"></span></span>',
    '',
  ],
  ['<attachment id="1f3a"></attachment>', ''],
  ['BV38 &lt; 40 &amp; rising', 'BV38 < 40 & rising'],
  ['is BV38 < 40 or > 50?', 'is BV38 < 40 or > 50?'],
  [undefined, ''],
  [42, ''],
])('%j → %j', (text, typed) => {
  expect(typedText(text)).toBe(typed);
});
