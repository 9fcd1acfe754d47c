import { searchPlan } from '../../bot/teams/invokes/search-plan';
import { answeredModal, consultationModal, noticeModal } from '../../cards/slack/consultation-modal';
import { composeModal } from '../../cards/slack/compose-modal';
import { renderSlack, type Block } from '../../cards/slack/render';
import { inert, link, slack } from '../../cards/slack/text';
import { updateModal } from '../../cards/slack/update-modal';
import { editTargetModal } from '../../cards/slack/edit-target-modal';
import { openCycleModal } from '../../cards/slack/open-cycle-modal';
import { publishWorkshopModal } from '../../cards/slack/publish-workshop-modal';
import { markdownInert } from '../../cards/teams/inert';
import { renderTeams } from '../../cards/teams/render';
import { H, H_MARKDOWN, H_MRKDWN, HOSTILE_VIEWS, VIEWS, Z } from '../support/hostile-views';

// Issue 12, item 9: user text (commentary, answers, echoed questions, names, plan text, consultation
// and workshop text) shows as typed in both channels. Every kind of view is rendered with hostile
// text in every field a person or a plan file fills, then checked where each channel would read
// markup: Teams TextBlocks and facts (Markdown), Slack mrkdwn and the notification text.

// adaptivecards' lib/ entry fails under require; its dist bundle loads in Node and parses cards.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle has no ES module form
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (version: unknown) => {
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
  Versions: { v1_5: unknown };
};

const views = HOSTILE_VIEWS;

type Node = Record<string, unknown>;
/** Every object in a JSON tree, depth first. */
function nodes(tree: unknown): Node[] {
  if (Array.isArray(tree)) return tree.flatMap(nodes);
  if (!tree || typeof tree !== 'object') return [];
  return [tree as Node, ...Object.values(tree).flatMap(nodes)];
}

describe('Teams', () => {
  test.each(views.map((v) => [v.kind, v] as const))(
    '%s: parses with no warning; no TextBlock; user text in TextRuns as typed, in facts escaped',
    (_kind, view) => {
      const card = renderTeams(view).content;
      const context = new AC.SerializationContext(AC.Versions.v1_5);
      const parsed = new AC.AdaptiveCard();
      parsed.parse(card, context);
      const events = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
      expect(events).toEqual([]);
      expect(parsed.validateProperties().validationEvents.map((e) => e.message)).toEqual([]);

      const all = nodes(card);
      expect(all.filter((n) => n.type === 'TextBlock')).toEqual([]);
      // Markdown is read in facts only now: wherever H is in one, it is there escaped.
      const facts = all.filter((n) => n.type === 'FactSet').flatMap((n) => n.facts as Node[]);
      for (const text of facts.flatMap((f) => [String(f.title), String(f.value)]))
        expect(text.includes('evil.example') ? text.endsWith(H_MARKDOWN) : true).toBe(true);
      // Everything else that holds H holds it as typed: a TextRun, an input, a choice, a button.
      const runs = all.filter((n) => n.type === 'TextRun').map((n) => String(n.text));
      expect(runs.some((t) => t.includes(H))).toBe(true);
    },
  );

  test('the status card: commentary, figures and owner, each inert as its element needs', () => {
    const card = renderTeams(VIEWS.priorityStatus).content;
    const runs = nodes(card)
      .filter((n) => n.type === 'TextRun')
      .map((n) => n.text);
    expect(runs).toEqual(expect.arrayContaining([`commentary ${H}`, `target ${H}`, `title ${H}`]));
    const facts = nodes(card)
      .filter((n) => n.type === 'FactSet')
      .flatMap((n) => n.facts as Node[]);
    expect(facts).toEqual([{ title: `label ${H_MARKDOWN}`, value: `figure ${H_MARKDOWN}` }]);
    // Styling moves with the text: the RichTextBlock keeps layout, the TextRun the look.
    const heading = nodes(card).find(
      (n) => n.type === 'RichTextBlock' && JSON.stringify(n).includes('title ['),
    );
    expect(heading).toMatchObject({ inlines: [{ type: 'TextRun', weight: 'Bolder', size: 'Medium' }] });
  });

  test('the message extension: the card inert like any other; the preview text (HTML) escaped', async () => {
    const answer = (await searchPlan({ parameters: [{ name: 'query', value: 'ED.1' }] }, async () => [
      VIEWS.priorityStatus,
    ])) as { composeExtension: { attachments: { content: unknown; preview: { content: Node } }[] } };
    const [result] = answer.composeExtension.attachments;
    expect(nodes(result?.content).filter((n) => n.type === 'TextBlock')).toEqual([]);
    expect(result?.preview.content.text).toBe(
      'aim [the Ofsted letter](https://evil.example/phish) **b** _i_ &lt;!channel&gt; &lt;@U123&gt; &lt;b&gt;html&lt;/b&gt; &amp;amp; https://bare.example/x',
    );
  });

  test.each([
    [
      'plain text, digits and most punctuation',
      'Baseline 2001/02: 40.7% (A*-C)',
      'Baseline 2001/02: 40.7% (A\\*-C)',
    ],
    [
      'a link and an image',
      '[x](https://e.example) ![i](https://e.example/i.png)',
      '\\[x](https://e.example) !\\[i](https://e.example/i.png)',
    ],
    ['emphasis and strikethrough', '**b** *i* _i_ ~~s~~', '\\*\\*b\\*\\* \\*i\\* \\_i\\_ \\~\\~s\\~\\~'],
    [
      'an underscore inside a word stays',
      'jo_bloggs@council.gov.uk snake_case',
      'jo_bloggs@council.gov.uk snake_case',
    ],
    [
      'HTML, autolinks and entities',
      '<b>x</b> <https://e.example> &amp; &#42; R&D',
      '\\<b>x\\</b> \\<https://e.example> \\&amp; \\&#42; R\\&D',
    ],
    ['code and the escape itself', '`code` \\*', '\\`code\\` \\\\\\*'],
    [
      'lists, headings and quotes at a line start',
      '- a\n+ b\n1. c\n2) d\n# e\n> f',
      '\\- a\n\\+ b\n1\\. c\n2\\) d\n\\# e\n\\> f',
    ],
    ['not a list: no space after the marker', '-5% 1.5 #1', '-5% 1.5 #1'],
    ['a heading underline or rule', 'Title\n---\n===', 'Title\n\\---\n\\==='],
  ])('markdownInert: %s', (_what, text, expected) => {
    expect(markdownInert(text)).toBe(expected);
  });
});

/** Every mrkdwn text object in the blocks. */
const mrkdwn = (blocks: unknown) => nodes(blocks).filter((n) => n.type === 'mrkdwn');
const LIVE = ['<!channel>', '<@U123>', '<b>', '**b**', '_i_', '&amp;amp;amp;'];

describe('Slack', () => {
  test.each(views.map((v) => [v.kind, v] as const))(
    '%s: every mrkdwn object verbatim, H escaped in blocks and the notification text',
    (_kind, view) => {
      const message = renderSlack(view);
      const texts = mrkdwn(message.blocks);
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) expect(t.verbatim).toBe(true);
      // What Slack reads as markup: the mrkdwn objects and the notification text. plain_text (buttons,
      // headers, confirmations) is never parsed, so it carries H as typed.
      const read = JSON.stringify([message.text, ...texts.map((t) => t.text)]);
      for (const live of LIVE) expect(read).not.toContain(live);
      for (const t of texts.map((x) => String(x.text)).filter((x) => x.includes('evil.example')))
        expect(t).toContain(H_MRKDWN);
      expect(message.text.includes('evil.example') ? message.text.includes(H_MRKDWN) : true).toBe(true);
    },
  );

  test('the status message: the RAG reason, then the commentary, on the lines after the latest figure, escaped', () => {
    const texts = mrkdwn(renderSlack(VIEWS.priorityStatus).blocks).map((t) => String(t.text));
    expect(texts.find((t) => t.includes('Latest:'))).toMatch(
      /Latest: 44\.2% \(AMBER\) as of 30 Sept 2026\nreason [^\n]*\ncommentary /,
    );
    expect(texts).toContain(`*title ${H_MRKDWN}*`);
  });

  test('the notice echoing a question: its notification text is escaped like its blocks', () => {
    const message = renderSlack(VIEWS.notice);
    expect(message.text).toBe(`There is no broadcast "${H_MRKDWN}".`);
  });

  test.each([
    ['consultation modal', consultationModal(VIEWS.consultation)],
    ['answered modal', answeredModal(VIEWS.consultation)],
    ['notice modal', noticeModal(VIEWS.notice)],
    ['compose modal', composeModal(VIEWS.composeConsultation)],
    ['update modal', updateModal(VIEWS.updateForm)],
    ['open-cycle modal', openCycleModal(VIEWS.openCycleForm)],
    ['publish-workshop modal', publishWorkshopModal(VIEWS.publishWorkshopForm)],
    ['edit-target modal', editTargetModal(VIEWS.editTargetForm)],
  ] as [string, Block][])('%s: mrkdwn verbatim and escaped; typed values kept as typed', (_what, modal) => {
    const texts = mrkdwn(modal.blocks);
    for (const t of texts) expect(t.verbatim).toBe(true);
    for (const t of texts.map((x) => String(x.text))) for (const live of LIVE) expect(t).not.toContain(live);
    // A value typed into an input comes back into it unchanged (plain_text is never parsed).
    const initial = nodes(modal.blocks)
      .map((n) => n.initial_value)
      .filter(Boolean);
    expect(initial.every((v) => !String(v).includes('&lt;') && !String(v).includes(Z))).toBe(true);
  });

  test.each([
    ['& < > as Slack escapes them', 'a & b <c> d', 'a &amp; b &lt;c&gt; d'],
    [
      'formatting characters at a word edge',
      '*b* _i_ ~s~ `c`',
      `${Z}*${Z}b${Z}*${Z} ${Z}_${Z}i${Z}_${Z} ${Z}~${Z}s${Z}~${Z} ${Z}\`${Z}c${Z}\`${Z}`,
    ],
    [
      'inside a word Slack formats nothing: left as typed',
      'jo_bloggs@x.gov.uk 2*3',
      'jo_bloggs@x.gov.uk 2*3',
    ],
    ['a quote at a line start', '> quoted\nnot > quoted', `${Z}&gt; quoted\nnot &gt; quoted`],
  ])('inert: %s', (_what, text, expected) => {
    expect(inert(text).text).toBe(expected);
  });

  test('slack``: literal parts are our markup, values are user text; a link keeps its address whole', () => {
    const ours = slack`_ours_`;
    expect(slack`*${'*x*'}* — ${ours}`.text).toBe(`*${Z}*${Z}x${Z}*${Z}* — _ours_`);
    expect(link('https://x.example/a_b?c=1&d=<2>|', 'Read *this*').text).toBe(
      `<https://x.example/a_b?c=1&amp;d=%3C2%3E%7C|Read ${Z}*${Z}this${Z}*${Z}>`,
    );
  });
});
