// Teams renders TextBlock text and FactSet titles and values as Markdown (bold, italic, lists,
// links, and in its web client `<…>` autolinks and HTML entities), so a commentary written as
// "[the Ofsted letter](https://evil.example/phish)" would become a disguised link in everyone's
// card. Every card passes through `inertCard` after its template is expanded, so no template can
// show user text as Markdown, whatever it binds where. Source: "Text formatting in cards",
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
// (Markdown in TextBlock, Fact.title and Fact.value) and the Adaptive Cards schema, TextRun
// ("does not support Markdown"), https://adaptivecards.io/explorer/TextRun.html.

type Json = unknown;
type Node = Record<string, Json>;

// A TextRun takes a TextBlock's text styling; the rest stays on the RichTextBlock around it.
const RUN = new Set(['color', 'fontType', 'isSubtle', 'size', 'weight', 'selectAction']);
// A RichTextBlock always wraps and has no line limit or heading style: these have no equivalent.
const DROPPED = new Set(['type', 'text', 'wrap', 'maxLines', 'style']);

/**
 * The expanded card (Adaptive Card JSON) with every TextBlock made a RichTextBlock holding one
 * TextRun of the same text and styling, and every FactSet title and value escaped with
 * `markdownInert`. Templates therefore never use Markdown for emphasis: they use `weight`, `size`,
 * `color`, `isSubtle` (and TextRun's `italic`). Returns a new tree; the input is not changed.
 *
 * Why a TextRun rather than backslash escapes: Teams on Android and iOS has shown Markdown escapes
 * as written (a visible `\*`; microsoft/AdaptiveCards#5590, MicrosoftDocs/msteams-docs#5793), while
 * a TextRun is plain text on every client. A Fact has no plain-text form, so facts are escaped.
 */
export function inertCard(node: Json): Json {
  if (Array.isArray(node)) return node.map(inertCard);
  if (!node || typeof node !== 'object') return node;
  const element = node as Node;
  if (element.type === 'TextBlock') return textRun(element);
  const out: Node = {};
  for (const [key, value] of Object.entries(element)) out[key] = inertCard(value);
  if (element.type === 'FactSet' && Array.isArray(element.facts))
    out.facts = element.facts.map((fact: Json) => {
      const f = fact as Node;
      return {
        ...f,
        title: markdownInert(String(f.title ?? '')),
        value: markdownInert(String(f.value ?? '')),
      };
    });
  return out;
}

function textRun(block: Node): Node {
  const run: Node = {
    type: 'TextRun',
    text: typeof block.text === 'string' ? block.text : String(block.text ?? ''),
  };
  const rich: Node = { type: 'RichTextBlock' };
  for (const [key, value] of Object.entries(block)) {
    if (RUN.has(key)) run[key] = inertCard(value);
    else if (!DROPPED.has(key)) rich[key] = inertCard(value);
  }
  rich.inlines = [run];
  return rich;
}

// ASCII punctuation that starts Markdown anywhere in a line: emphasis (* ~), links and images ([),
// HTML and autolinks (<), code (`) and the escape itself (\). CommonMark lets a backslash escape
// any ASCII punctuation: https://spec.commonmark.org/0.31.2/#backslash-escapes
const ANYWHERE = new Set(['\\', '*', '~', '[', '<', '`']);
const WORD = /[\p{L}\p{N}]/u;

/**
 * `text` as CommonMark that shows exactly `text`: backslashes before what could start Markdown.
 * - `\ * ~ [ < \`` everywhere;
 * - `_` unless between letters or digits (CommonMark: an intraword `_` never emphasises, so
 *   `jo_bloggs@council.gov.uk` stays as written);
 * - `&` before a letter, digit or `#` (it could start an entity such as `&amp;`);
 * - at a line's start (after up to three spaces): a heading's `#`, `>`, a list marker (`-`, `+` or `1.` / `1)`
 *   before a space or the end) and a line of only `-` or `=` (a heading underline or rule).
 * Plain text, digits and the rest of punctuation are untouched, so most text passes unchanged.
 */
export function markdownInert(text: string): string {
  return text.split('\n').map(inertLine).join('\n');
}

function inertLine(line: string): string {
  let out = '';
  const chars = Array.from(line);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? '';
    const before = chars[i - 1] ?? ' ';
    const after = chars[i + 1] ?? ' ';
    const escape =
      ANYWHERE.has(c) ||
      (c === '_' && !(WORD.test(before) && WORD.test(after))) ||
      (c === '&' && /[\p{L}\p{N}#]/u.test(after));
    out += escape ? `\\${c}` : c;
  }
  return escapeLineStart(out);
}

// Anchored, with bounded repeats: each test is linear in the line's length.
const BLOCK_START = /^( {0,3})(>|#{1,6}(?=\s|$)|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))/;
const UNDERLINE = /^ {0,3}(?:-+|=+)\s*$/;

function escapeLineStart(line: string): string {
  if (UNDERLINE.test(line)) return line.replace(/[-=]/, (c) => `\\${c}`);
  const start = BLOCK_START.exec(line);
  if (!start) return line;
  const [whole, indent = '', marker = ''] = start;
  // A number is escaped at its `.` or `)`, so "1. " stays "1. " on screen and is no list.
  if (/^\d/.test(marker)) return `${indent}${marker}\\${line.slice(whole.length)}`;
  return `${indent}\\${line.slice(indent.length)}`;
}

/**
 * Text for a hero or thumbnail card's `text` (the message extension's preview in the picker), which
 * Teams reads as a subset of HTML: `& < >` as entities, so a plan's text shows as written. Titles
 * are not formatted and need none. Source: "Format cards in Teams" (formatting is supported in the
 * text property only; hero and thumbnail cards take HTML).
 */
export const htmlInert = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
