// Slack's text rules, shared by messages and modals. The one place where Slack text is made safe:
// user text (plan text, names, commentary, answers, echoed questions, consultation and workshop
// text) reaches mrkdwn only through `slack` or `inert`, and the notification text through `fallback`.

/** Cuts text to a Slack field's limit, marking the cut. */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** A plain_text object within a limit (modal titles allow 24 characters, labels 2,000). */
export const plain = (text: string, max = 150) => ({ type: 'plain_text' as const, text: clip(text, max) });

/**
 * Slack mrkdwn that is safe to send: our own markup, with every piece of user text escaped. Made
 * only here (by `slack`, `inert`, `join`, `link`); the private member keeps a plain object or string
 * from passing for one, so a block builder that takes Mrkdwn cannot be handed raw user text.
 */
class SafeMrkdwn {
  private readonly safe = true;
  constructor(readonly text: string) {}
}
export type Mrkdwn = SafeMrkdwn;

// Inserted on both sides of a formatting character: Slack has no escape for * _ ~ ` (a backslash
// shows as written), and reads them as markup only at a word's edge with text directly inside, so
// an invisible zero-width space on each side leaves the character with neither.
const ZWSP = '\u200b';
const FORMATTING = new Set(['*', '_', '~', '`']);
const WORD = /[\p{L}\p{N}]/u;

/** `& < >` as Slack's entities: all a URL needs, and all that Slack decodes. */
const entities = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function escaped(text: string): string {
  const chars = Array.from(text);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>')
      out += i === 0 || chars[i - 1] === '\n' ? `${ZWSP}&gt;` : '&gt;'; // not a quote
    // Inside a word (jo_bloggs, 2*3) Slack formats nothing: left as typed, so addresses copy whole.
    else if (FORMATTING.has(c) && !(WORD.test(chars[i - 1] ?? '') && WORD.test(chars[i + 1] ?? '')))
      out += `${ZWSP}${c}${ZWSP}`;
    else out += c;
  }
  return out;
}

/**
 * User text as mrkdwn that shows exactly what was typed: `& < >` escaped as Slack asks (so no
 * `<!channel>`, `<@U…>` or `<https://…|…>` can be made from it), `* _ ~ \`` kept from formatting,
 * and a leading `>` kept from quoting. Mentions typed as words (`@channel`) and bare URLs are left
 * to `verbatim: true` on every text object built here, which turns Slack's auto-parsing off.
 * Source: Slack docs, "Formatting text for app surfaces" (Escaping text; Basic formatting) and the
 * text object reference (`verbatim`).
 */
export const inert = (text: string): Mrkdwn => new SafeMrkdwn(escaped(text));

/**
 * mrkdwn from a template: the literal parts are our markup (`*bold*`, `\n`, `:emoji:`), every
 * value is user text made `inert` unless it is already Mrkdwn. `slack\`*${title}*\n${commentary}\``.
 */
export function slack(
  literals: TemplateStringsArray,
  ...values: readonly (string | number | Mrkdwn)[]
): Mrkdwn {
  let out = literals[0] ?? '';
  values.forEach((value, i) => {
    out += value instanceof SafeMrkdwn ? value.text : escaped(String(value));
    out += literals[i + 1] ?? '';
  });
  return new SafeMrkdwn(out);
}

const NEW_LINE = new SafeMrkdwn('\n');
/** Pieces of mrkdwn one after another, with a separator between them (a new line unless told). */
export const join = (parts: readonly Mrkdwn[], separator: Mrkdwn = NEW_LINE): Mrkdwn =>
  new SafeMrkdwn(parts.map((p) => p.text).join(separator.text));

/** Lines of mrkdwn, the absent ones (undefined, false) left out. */
export const lines = (parts: readonly (Mrkdwn | undefined | false)[]): Mrkdwn =>
  join(parts.filter((p): p is Mrkdwn => !!p));

/** A mrkdwn link: the address cannot end the link early, the label cannot become markup. */
export const link = (url: string, label: string): Mrkdwn =>
  new SafeMrkdwn(
    `<${entities(url.replace(/[|\s<>]/g, encodeURIComponent))}|${escaped(label).replace(/\|/g, '¦')}>`,
  );

/**
 * Where mrkdwn may be cut at or before `max`: never inside an escape such as `&amp;`, between a
 * formatting character and its zero-width spaces, or between a surrogate pair.
 */
function safeCut(text: string, max: number): number {
  let cut = max;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && !text.slice(amp, cut).includes(';')) cut = amp;
  // A kept-literal character is three: zero-width space, the character, zero-width space.
  const triple = (s: number) => text[s] === ZWSP && FORMATTING.has(text[s + 1] ?? '') && text[s + 2] === ZWSP;
  if (triple(cut - 1)) cut -= 1;
  else if (triple(cut - 2)) cut -= 2;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return cut;
}

/** mrkdwn cut to a Slack field's limit at a safe place, marking the cut. */
function clipped(text: Mrkdwn, max: number): string {
  return text.text.length <= max ? text.text : `${text.text.slice(0, safeCut(text.text, max - 1))}…`;
}

/**
 * Cuts mrkdwn into pieces of at most `max` characters, at a paragraph, line or word break where
 * there is one, never inside an escape. A long summary becomes several sections rather than one
 * clipped one, so nothing is lost silently and cards/fits.ts sees the message's true size.
 */
export function pieces(text: Mrkdwn, max = 3000): Mrkdwn[] {
  const out: Mrkdwn[] = [];
  let rest = text.text.trim();
  while (rest.length > max) {
    const breakAt = (s: string) => rest.lastIndexOf(s, max);
    const found = [breakAt('\n\n'), breakAt('\n'), breakAt(' ')].find((i) => i > max / 2);
    const cut = found ?? safeCut(rest, max);
    const piece = rest.slice(0, cut || max).trimEnd();
    if (piece) out.push(startOfText(piece));
    rest = rest.slice(cut || max).trimStart();
  }
  if (rest) out.push(startOfText(rest));
  return out;
}

/** A piece that now starts a text object: a `>` that began a line inside the whole would quote. */
const startOfText = (piece: string): Mrkdwn =>
  new SafeMrkdwn(piece.startsWith('&gt;') ? `${ZWSP}${piece}` : piece);

/**
 * A mrkdwn text object within a limit (sections 3,000 characters, fields and context 2,000).
 * `verbatim: true`: Slack links nothing by itself (URLs, channel names, @mentions typed as words);
 * our own `<url|label>` links still work. Source: Block Kit text object reference.
 */
export const mrkdwn = (text: Mrkdwn, max = 3000) => ({
  type: 'mrkdwn' as const,
  text: clipped(text, max),
  verbatim: true,
});

/** A Block Kit block, as plain data (cards/ knows no SDK). */
export type Block = Record<string, unknown>;

/** A section of mrkdwn (3,000 characters at most). */
export const section = (text: Mrkdwn): Block => ({ type: 'section', text: mrkdwn(text, 3000) });

/** A context line of mrkdwn (2,000 characters at most). */
export const context = (text: Mrkdwn): Block => ({ type: 'context', elements: [mrkdwn(text, 2000)] });

/**
 * The message's top-level `text`: what notifications and clients without blocks show. Slack reads
 * it as mrkdwn too (`<!channel>` in it would notify everyone), and it carries no formatting of ours,
 * so all of it is escaped as user text.
 */
export const fallback = (text: string): string => clipped(inert(text), 3000);
