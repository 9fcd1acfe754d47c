import { own } from '../own';
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { PriorityEntry, TargetEntry } from './snapshot';
import { stem } from './stem';

/** One thing a free-text question found: a priority, or one of its targets. */
export interface SearchHit {
  priority: PriorityEntry;
  /** Set when the words were found in a target (its text, PI codes or its priority's title). */
  target?: TargetEntry;
  /** MiniSearch's BM25 score: only comparable with other hits of the same question. */
  score: number;
  /**
   * True when the hit has every word that matters whole (or a synonym of it); false for a hit
   * found only through a prefix, a typo, or with half the words: a near miss, never "the" answer.
   */
  exact: boolean;
}

/**
 * A hit scoring under this share of the best hit's score is cut. Measured on the Leicester and
 * York plans (test/services/answers/search-questions.test.ts): hits that are about what was asked
 * score within about a third of the best; those that share only a word of the question with it (a
 * target found through its priority's title, "learning" in "vulnerable adults" for "adult
 * learning") score under a fifth. A quarter keeps the first kind and cuts the second, so a list is
 * what was asked for, not padding.
 */
export const RELATIVE_CUT = 0.25;

/** A synonym counts half as much as the word typed: the plan's own word is the better match. */
const SYNONYM_WEIGHT = 0.5;

/**
 * Words that say what kind of fact is wanted ("GCSE results", "recycling figures"), or that every
 * part of a council's plan shares: they never decide whether a priority or target matches, but rank
 * higher those that have them. A question of nothing but these searches for them.
 */
const SOFT_WORDS = new Set(
  (
    'a an and any anything about are council councils city data detail details did do does doing ' +
    'figure figures for from going has have how i in info information is it latest me number numbers ' +
    'of on or our performance plan plans progress priority priorities result results show stat stats ' +
    'statistic statistics status tell target targets the to update updates us we what whats which with'
  ).split(' '),
);

/**
 * Everyday words → the words plans print for them. People ask about "exam results" and "empty
 * homes"; a corporate plan says "GCSE", "attainment", "dwellings". Kept to words with one clear
 * meaning in a council's plan; each found word counts SYNONYM_WEIGHT of the typed one.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  exam: ['gcse', 'attainment'],
  exams: ['gcse', 'attainment'],
  // In English education "attainment" is the official word for exam results (DfE statistics).
  result: ['attainment'],
  results: ['attainment'],
  homes: ['dwellings', 'housing'],
  houses: ['dwellings', 'housing'],
  bins: ['waste', 'recycling'],
  rubbish: ['waste', 'litter'],
  litter: ['cleanliness'],
  kids: ['children', 'youth'],
  teenagers: ['youth'],
  unemployment: ['employment', 'jobs'],
  staff: ['employees', 'employee'],
};

interface SearchDocument {
  id: string; // "p:<priority _id>" or "t:<priority _id>:<target key>"
  // A priority's fields.
  code?: string;
  title?: string;
  body?: string;
  // A target's fields.
  text?: string;
  pi?: string;
  /** The target's priority's code and title: "crime burglary" finds CSY.1's burglary target. */
  context?: string;
}

/**
 * Full-text search over a plan's priorities and, as documents of their own, their targets, so a
 * question about "nurse-led beds" finds the target about those beds, not only the priority it is in.
 * Built once per snapshot; every method is synchronous and reads memory only.
 */
export class PlanSearch {
  private readonly index = new MiniSearch<SearchDocument>({
    fields: ['code', 'title', 'body', 'text', 'pi', 'context'],
    storeFields: ['id'],
    // Words as a person types them: stemmed, so "recycling" meets "recycled" (services/plan/stem.ts).
    processTerm: (term) => stem(term.toLowerCase()),
    searchOptions: {
      // A code or title says what a priority is; a target's own text says what it measures; its
      // priority's title only puts it in context, so it weighs least.
      boost: { code: 5, title: 3, pi: 3, text: 2, body: 1, context: 0.5 },
      // A prefix finds words still being typed (the Teams picker searches as one types); MiniSearch
      // scores a prefix match lower than the whole word, and `search` drops it beside whole words.
      prefix: (term) => term.length >= 3,
      // One typo in a word of five letters or more, two from ten: "recyling", "burgalry". Shorter
      // words are too close to others ("gcse" is one letter from "case").
      fuzzy: (term) => (term.length >= 10 ? 2 : term.length >= 5 ? 1 : false),
      combineWith: 'AND',
    },
  });
  private readonly found = new Map<string, Omit<SearchHit, 'score' | 'exact'>>();

  constructor(priorities: PriorityEntry[]) {
    for (const priority of priorities) {
      const code = [priority.code, ...priority.aliases].filter(Boolean).join(' ');
      const id = `p:${priority._id}`;
      this.found.set(id, { priority });
      this.index.add({
        id,
        code,
        title: priority.title,
        body: [...priority.how, ...priority.supportedBy, ...priority.benefits].join(' '),
      });
      for (const target of priority.targets) {
        const targetId = `t:${priority._id}:${target.key}`;
        this.found.set(targetId, { priority, target });
        this.index.add({
          id: targetId,
          text: target.text ?? '',
          pi: target.piCodes.join(' '),
          context: `${code} ${priority.title}`,
        });
      }
    }
  }

  /**
   * Priorities and targets that have every word of the question that matters (see SOFT_WORDS; a
   * word counts as found when it or one of its SYNONYMS is), best first. When some hits have every
   * word whole, hits found only through a prefix or a typo are dropped; then any scoring under
   * RELATIVE_CUT of the best. When nothing has every word, those with at least half of them, marked
   * not `exact`. At most `limit` hits; none when nothing matches. `everything` keeps every match,
   * best first, for a picker that is scrolled rather than read (the Teams message extension).
   */
  search(query: string, limit = 50, everything = false): SearchHit[] {
    const words = query
      .toLowerCase()
      .split(/[^\p{L}\p{N}*]+/u)
      .filter(Boolean);
    const wanted = words.filter((w) => !SOFT_WORDS.has(w));
    const soft = words.filter((w) => SOFT_WORDS.has(w));
    const required = (wanted.length ? wanted : soft).map(wordQuery);
    if (required.length === 0) return [];
    let hits = this.index.search({ combineWith: 'AND', queries: required.map((w) => w.query) });
    const fallback = hits.length === 0 && required.length > 1;
    if (fallback) {
      // No document has every word: offer those with at least half of them, not any sharing one.
      hits = this.index
        .search({ combineWith: 'OR', queries: required.map((w) => w.query) })
        .filter((h) => required.filter((w) => has(h, w.stems, true)).length * 2 >= required.length);
    }
    const bonus = wanted.length && soft.length ? this.softScores(soft) : new Map<string, number>();
    const scored = hits
      .map((h) => ({
        id: String(h.id),
        score: h.score + (bonus.get(String(h.id)) ?? 0),
        exact: !fallback && required.every((w) => has(h, w.stems, false)),
      }))
      .sort((a, b) => b.score - a.score);
    const kept = everything || !scored.some((h) => h.exact) ? scored : scored.filter((h) => h.exact);
    const best = kept[0]?.score ?? 0;
    return kept
      .filter((h) => everything || h.score >= best * RELATIVE_CUT)
      .slice(0, limit)
      .flatMap((h) => {
        const found = this.found.get(h.id);
        return found ? [{ ...found, score: h.score, exact: h.exact }] : [];
      });
  }

  /** Scores of every document with any of the soft words (or their synonyms), whole words only. */
  private softScores(words: string[]): Map<string, number> {
    const results = this.index.search(
      { combineWith: 'OR', queries: words.map((w) => wordQuery(w).query) },
      { prefix: false, fuzzy: false },
    );
    return new Map(results.map((r) => [String(r.id), r.score]));
  }
}

/** One word of a question as a MiniSearch query: the word, or any of its synonyms at lower weight. */
function wordQuery(word: string): { query: Query; stems: Set<string> } {
  const synonyms = own(SYNONYMS, word) ?? [];
  const stems = new Set([word, ...synonyms].map(stem));
  if (synonyms.length === 0) return { query: word, stems };
  return {
    query: {
      combineWith: 'OR',
      queries: [word, { combineWith: 'OR', queries: [...synonyms], boostTerm: () => SYNONYM_WEIGHT }],
    },
    stems,
  };
}

/**
 * Whether a hit has one of `stems` as a whole word, or (`loose`) anything MiniSearch matched for
 * them through a prefix or a typo. MiniSearch's `match` maps each word found in the document to its
 * fields; `queryTerms` lists the question's words that found something.
 */
function has(hit: SearchResult, stems: Set<string>, loose: boolean): boolean {
  if (Object.keys(hit.match).some((term) => stems.has(term))) return true;
  return loose && hit.queryTerms.some((term) => stems.has(term));
}
