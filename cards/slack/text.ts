// Slack's text rules, shared by messages and modals.

/** Cuts text to a Slack field's limit, marking the cut. */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Slack mrkdwn treats & < > as markup: plan text is shown as written, never as a mention or link. */
export const inert = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A plain_text object within a limit (modal titles allow 24 characters, labels 2,000). */
export const plain = (text: string, max = 150) => ({ type: 'plain_text' as const, text: clip(text, max) });
