/**
 * A light English stemmer for searching a plan: a word's plural and its -ed/-ing forms meet at one
 * stem ("recycling", "recycled", "recycles", "recycle" → "recycl"; "buses" → "bus"; "beds" → "bed").
 * Takes one lower-case word; returns its stem, or the word itself when it is short or no rule fits.
 *
 * It follows the first steps of Porter's algorithm (M. F. Porter, "An algorithm for suffix
 * stripping", 1980, step 1a–1b and 5a), not all of it: a plan's vocabulary is small and a search
 * also matches prefixes, so derivational suffixes (-ment, -ation) are better left alone than
 * conflated ("attainment" must not meet "attain", a different word in a plan's text). The rules a
 * person would notice:
 * - words of three letters or fewer are kept whole: "bus", "bed", "led" and "gcs" are words, not
 *   stems (the old rule turned "bed" and "led" into "b" and "l", which then matched every "b…");
 * - "-ss", "-us" and "-is" are not plurals ("business", "status", "crisis"); "-es" goes whole
 *   after s, x, z, ch and sh ("buses" → "bus", "churches" → "church"), else only the "s";
 * - "-ed" and "-ing" go only when a vowel is left before them ("need" stays, "needed" → "need");
 * - a final "e" goes after that from words of five letters or more, so "nurse" and "nurses"
 *   meet, as do "reduce" and "reduced", while "care" stays apart from "car".
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  else w = withoutVerbEnding(w);
  // Not from a four-letter word: "care" is not "car", nor "rate" "rat".
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** "needed" → "need", "planned" → "plan", "housing" → "hous"; "need" and "bring" stay. */
function withoutVerbEnding(w: string): string {
  const ending = w.endsWith('ing') ? 3 : w.endsWith('ed') ? 2 : 0;
  const rest = w.slice(0, w.length - ending);
  if (ending === 0 || rest.length < 3 || !/[aeiouy]/.test(rest.slice(0, -1))) return w;
  // "planned" → "plann" → "plan": Porter's rule for a doubled consonant, bar l, s and z ("fill").
  const last = rest.charAt(rest.length - 1);
  if (last === rest.charAt(rest.length - 2) && !'aeiouylsz'.includes(last)) return rest.slice(0, -1);
  return rest;
}
