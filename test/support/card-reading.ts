import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './processes';

/** The Adaptive Cards in what the bot sent back (chatClient's reply: the recorded calls as JSON). */
export function cardsOf(reply: string): Record<string, unknown>[] {
  return (JSON.parse(reply) as { body: { attachments?: { content: Record<string, unknown> }[] } }[]).flatMap(
    (c) => (c.body.attachments ?? []).map((a) => a.content),
  );
}

/** Every text in a card, in order (cards/teams/inert.ts turns TextBlocks into RichTextBlock runs). */
export function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const own = o.type === 'TextBlock' || o.type === 'TextRun' ? [String(o.text)] : [];
    return [...own, ...Object.values(o).flatMap(textsOf)];
  }
  return [];
}

/**
 * A card's links to files (Action.OpenUrl, also inside an overflow's card), by title, pointed at
 * `base` — the test's bot — since the links name PUBLIC_URL's host.
 */
export function fileLinksOf(card: Record<string, unknown>, base: string): Record<string, string> {
  type Action = { type: string; title: string; url?: string; card?: { actions?: Action[] } };
  const found: Record<string, string> = {};
  const visit = (list: Action[]) => {
    for (const a of list) {
      if (a.type === 'Action.OpenUrl' && a.url) {
        const u = new URL(a.url);
        found[a.title] = `${base}${u.pathname}${u.search}`;
      }
      if (a.card?.actions) visit(a.card.actions);
    }
  };
  visit((card.actions ?? []) as Action[]);
  return found;
}

/**
 * test/fixtures/cycle-plan.yaml with a two-step sign-off chain — the owner's line manager, then the
 * policy team — and Pia, a second policy officer on Slack: written to a temporary file, its path.
 */
export function signOffPlanFile(): string {
  const yaml = readFileSync(path.join(ROOT, 'test/fixtures/cycle-plan.yaml'), 'utf8')
    .replace(
      '  version: 1\n',
      "  version: 1\n  signOff:\n    - { step: Head of service approves, who: lineManager }\n    - 'Policy team confirms: role:policy'\n",
    )
    .concat('  - { id: pia@cycle.gov.uk, name: Pia Policy, roles: [policy], slackId: UPIA }\n');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gt-sign-off-')), 'plan.yaml');
  writeFileSync(file, yaml);
  return file;
}
