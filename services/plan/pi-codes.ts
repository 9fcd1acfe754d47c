/**
 * How a performance indicator code is matched, whatever its spelling. A key is the code in capitals
 * without spaces; Best Value indicators are keyed "BV" whether written BV, BVPI or BVPIs (the same
 * national set, seed 001 prints all three).
 *
 * `piKeys` reads a code as a seed prints it in a target's cell, which may name several:
 *   "LCEN PSA43"                         → LCENPSA43, PSA43 (the local prefix may be left off)
 *   "PAF C21"                            → PAFC21
 *   "BVPIs 3,4,6,157,12,34(a&b) 35(a&b)" → BV3, BV4, BV6, BV157, BV12, BV34, BV34A, BV34B, BV35, …
 * A prefix with no number ("PSA", "(PI)") names no indicator and gives no key.
 */
export function piKeys(printed: string): string[] {
  const keys = new Set<string>();
  let prefix: string[] = [];
  let lastNumberEnd = -1;
  let lastKey: string | undefined;
  let previousEnd = 0;
  const source = printed.toUpperCase();
  // Letters, numbers and bracketed sub-parts, in order; everything else separates them.
  for (const token of source.matchAll(/[A-Z]+|\d+|\([A-Z&, ]*\)/g)) {
    const [text] = token;
    const at = token.index;
    const gap = source.slice(previousEnd, at);
    previousEnd = at + text.length;
    if (text.startsWith('(')) {
      if (lastKey) for (const part of text.match(/[A-Z]+/g) ?? []) keys.add(`${lastKey}${part}`);
      continue;
    }
    if (/^\d/.test(text)) {
      if (prefix.length === 0) continue;
      const name = indicatorSet(prefix.join(''));
      lastKey = `${name}${text}`;
      keys.add(lastKey);
      // "LCEN PSA43": the national code alone finds it too.
      const national = prefix[prefix.length - 1] ?? '';
      if (prefix.length > 1 && NATIONAL.has(national)) keys.add(`${indicatorSet(national)}${text}`);
      lastNumberEnd = at + text.length;
      continue;
    }
    if (at === lastNumberEnd && text.length === 1 && lastKey) {
      // A letter written onto the number: "34a".
      keys.add(`${lastKey}${text}`);
      continue;
    }
    // Letters after a number, or after a comma, start a new code; otherwise they extend the prefix
    // ("LCEN PSA").
    if (lastKey !== undefined || /[,;/]/.test(gap)) prefix = [];
    prefix.push(text);
    lastKey = undefined;
    lastNumberEnd = -1;
  }
  return [...keys];
}

/** The key of one code as a person asks for it ("bv 38", "LCEN PSA 47", "BV 34a"): its most specific. */
export function piKey(asked: string): string | undefined {
  return piKeys(asked).sort((a, b) => b.length - a.length)[0];
}

/** National indicator sets a council prefixes with its own ("LCEN PSA43"). */
const NATIONAL = new Set(['PSA', 'BV', 'BVPI', 'BVPIS']);

function indicatorSet(prefix: string): string {
  return prefix === 'BVPI' || prefix === 'BVPIS' ? 'BV' : prefix;
}
