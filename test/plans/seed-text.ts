import { readFileSync } from 'node:fs';
import path from 'node:path';

/** plans/<name>: a bundled plan file, or (under sources/) the seed text it was transcribed from. */
export const planPath = (name: string): string => path.join(__dirname, '..', '..', 'plans', name);

/** Whitespace squashed to single spaces: PDF and Word extraction wraps lines anywhere. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Lower-case words and figures, as test/plans/leicester-seed.test.ts reads them. */
export const tokens = (s: string): string[] => s.toLowerCase().match(/[a-z0-9£%*]+/g) ?? [];

/**
 * A seed's text (plans/sources/<file>, bold marks removed) and the checks every transcription is held to: its words
 * appear in the seed in the seed's order (wrapped cells interleave, but nothing is invented), and
 * where a text is a whole printed phrase, it is printed as such.
 */
export function seedText(file: string): {
  text: string;
  squashed: string;
  inOrder(text: string): boolean;
  at(text: string): number;
} {
  // "**" is the extraction's mark for bold type, not the council's words ("The **Council Business Plan").
  const text = readFileSync(planPath(path.join('sources', file)), 'utf8').replace(/\*\*/g, '');
  const words = tokens(text);
  const squashed = squash(text);
  return {
    text,
    squashed,
    inOrder(phrase: string): boolean {
      let at = 0;
      for (const word of tokens(phrase)) {
        at = words.indexOf(word, at);
        if (at < 0) return false;
        at++;
      }
      return true;
    },
    /** Where the phrase's first words are printed (a word index), or -1: for checking the seed's order. */
    at(phrase: string): number {
      const wanted = tokens(phrase).slice(0, 6);
      for (let i = 0; i + wanted.length <= words.length; i++)
        if (wanted.every((w, j) => words[i + j] === w)) return i;
      return -1;
    },
  };
}
