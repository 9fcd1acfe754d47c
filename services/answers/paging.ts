/**
 * Pages of a long list. The page is in the question itself — "more: anything about services @8"
 * asks for the list from its 9th item — so a "Show more" button works on any instance, after a
 * restart, and in Teams and Slack alike, with nothing to look up.
 */

/** Items a list shows at once: a phone screen's worth of a Teams card or a Slack message. */
export const LIST_LIMIT = 8;

const PREFIX = 'more:';
/** Offsets are small: a list is cut at 100 items whatever is asked. */
const MAX_OFFSET = 9999;

/** The question that asks for `ask`'s list from item `offset` (0-based) on. */
export function pageAsk(ask: string, offset: number): string {
  return `${PREFIX} ${ask} @${offset}`;
}

/**
 * Reads "more: <question> @<offset>". "more: <question>" with no offset — the button on a card
 * sent before lists had pages — asks for the second page. Anything else is not a page request.
 * Read with string methods, not a pattern: the question is user text of any shape.
 */
export function readPageAsk(text: string): { ask: string; offset: number } | undefined {
  const trimmed = text.trim();
  if (trimmed.slice(0, PREFIX.length).toLowerCase() !== PREFIX) return undefined;
  const rest = trimmed.slice(PREFIX.length).trim();
  const at = rest.lastIndexOf(' @');
  const digits = at < 0 ? '' : rest.slice(at + 2);
  if (digits && digits.length <= 4 && [...digits].every((c) => c >= '0' && c <= '9')) {
    return { ask: rest.slice(0, at).trim(), offset: Math.min(Number(digits), MAX_OFFSET) };
  }
  return { ask: rest, offset: LIST_LIMIT };
}

/**
 * What people type to see the rest of the last list ("more", "show more", "show me the rest",
 * "next page", "see more please"), as the parser leaves it for a search: lower case, punctuation
 * gone, stop words such as "show", "me" and "the" removed.
 */
const NEXT_PAGE = new Set(['more', 'next', 'next page', 'rest', 'more results', 'see more']);

/** Whether a search query is really a request for the next page of the last list. */
export function asksForNextPage(query: string): boolean {
  return NEXT_PAGE.has(query.replace(/ please$/, ''));
}
