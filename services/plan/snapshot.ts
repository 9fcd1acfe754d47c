import MiniSearch from 'minisearch';
import { Aim, Person, Plan, Priority, Target } from '../../models';
import type { AimDoc } from '../../models/aim';
import type { PlanDoc } from '../../models/plan';
import type { PriorityDoc } from '../../models/priority';
import type { TargetDoc } from '../../models/target';
import { normaliseCode } from './codes';

export type PlanEntry = PlanDoc;
export type AimEntry = AimDoc;
/** A target with its owner's and deputy's names from the plan's people, where the plan has them. */
export type TargetEntry = TargetDoc & { ownerName?: string; deputyName?: string };
export type PriorityEntry = PriorityDoc & { targets: TargetEntry[]; aimEntry: AimDoc | undefined };

interface SearchDocument {
  id: string; // priority _id
  code: string;
  title: string;
  body: string;
}

/**
 * Every plan in memory, for chat reads: a whole plan is small, and a reply must not wait on a
 * database that scans. Rebuilt when any plan's `revision` moves.
 */
export class PlanSnapshot {
  readonly priorities: PriorityEntry[];
  private readonly byCode = new Map<string, PriorityEntry>();
  private readonly search: MiniSearch<SearchDocument>;

  constructor(
    readonly plans: PlanEntry[],
    readonly aims: AimEntry[],
    priorities: PriorityDoc[],
    targets: TargetDoc[],
    /** The plan's people (id = work email): replies name owners, not email addresses. */
    people: { _id: unknown; name?: string | null }[] = [],
  ) {
    const aimOf = new Map(aims.map((a) => [`${a.plan}:${a.key}`, a]));
    const names = new Map(people.map((p) => [String(p._id), p.name ?? undefined]));
    const targetsOf = new Map<string, TargetEntry[]>();
    for (const t of targets) {
      const entry: TargetEntry = {
        ...t,
        ownerName: t.owner ? names.get(t.owner) : undefined,
        deputyName: t.deputy ? names.get(t.deputy) : undefined,
      };
      targetsOf.set(`${t.plan}:${t.priority}`, [...(targetsOf.get(`${t.plan}:${t.priority}`) ?? []), entry]);
    }
    this.priorities = priorities.map((p) => ({
      ...p,
      targets: targetsOf.get(p._id) ?? [],
      aimEntry: aimOf.get(`${p.plan}:${p.aim}`),
    }));
    for (const p of this.priorities) {
      for (const name of [p.key, p.code, ...p.aliases]) {
        if (name && !this.byCode.has(normaliseCode(name))) this.byCode.set(normaliseCode(name), p);
      }
    }
    // Prefix and fuzzy matching on stemmed-enough words: "recycling" finds "recycled".
    this.search = new MiniSearch<SearchDocument>({
      fields: ['code', 'title', 'body'],
      storeFields: ['id'],
      searchOptions: { boost: { title: 3, code: 5 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
      processTerm: (term) => stem(term.toLowerCase()),
    });
    this.search.addAll(
      this.priorities.map((p) => ({
        id: p._id,
        code: [p.code, ...p.aliases].filter(Boolean).join(' '),
        title: p.title,
        body: [
          ...p.how,
          ...p.supportedBy,
          ...p.benefits,
          ...p.targets.flatMap((t) => [t.text, ...t.piCodes]),
        ].join(' '),
      })),
    );
  }

  /** The priority a typed code names ("ed1", "SC.1", "Cl. 2"), if any. */
  priorityByCode(typed: string): PriorityEntry | undefined {
    return this.byCode.get(normaliseCode(typed));
  }

  /** Codes that look like the one typed, closest first: for "did you mean …?". */
  closestCodes(typed: string, limit = 3): string[] {
    const wanted = normaliseCode(typed);
    // A loop rather than `/\d+$/`, which retries from every digit of a long run of them.
    let end = wanted.length;
    while (end > 0 && isDigit(wanted.charAt(end - 1))) end--;
    const letters = wanted.slice(0, end);
    const scored = this.priorities
      .filter((p) => p.code)
      .map((p) => ({
        code: p.code as string,
        distance: editDistance(wanted, normaliseCode(p.code as string)),
      }))
      .filter((c) => c.distance <= 2 || normaliseCode(c.code).startsWith(letters));
    return scored
      .sort((a, b) => a.distance - b.distance || CODE_ORDER.compare(a.code, b.code))
      .slice(0, limit)
      .map((c) => c.code);
  }

  searchPriorities(query: string, limit = 10): { priority: PriorityEntry; score: number }[] {
    const byId = new Map(this.priorities.map((p) => [p._id, p]));
    let hits = this.search.search(query);
    if (hits.length === 0) {
      // No priority has every word: offer those with at least half of them, not any sharing one.
      const asked = query.split(/\s+/).filter(Boolean).length;
      hits = this.search.search(query, { combineWith: 'OR' }).filter((h) => h.queryTerms.length * 2 >= asked);
    }
    return hits
      .slice(0, limit)
      .map((h) => ({ priority: byId.get(String(h.id)) as PriorityEntry, score: h.score }))
      .filter((h) => h.priority);
  }
}

/** ED.2 before ED.10; one collator, since localeCompare with options builds one per call. */
const CODE_ORDER = new Intl.Collator('en', { numeric: true });

/** A light English stemmer: enough for "recycling"/"recycled"/"recycles" to meet at "recycl". */
function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, '').replace(/(e)$/, '') || word;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** Loads every plan into a snapshot. */
export async function loadSnapshot(): Promise<PlanSnapshot> {
  const byOrder = { order: 1 as const };
  const [plans, aims, priorities, targets, people] = await Promise.all([
    Plan.find().sort({ _id: 1 }).lean(),
    Aim.find().sort(byOrder).lean(),
    Priority.find().sort(byOrder).lean(),
    Target.find().sort(byOrder).lean(),
    // Names only: a plan import that changes people moves the plan's revision, so they stay fresh.
    Person.find({}, { name: 1 }).lean(),
  ]);
  return new PlanSnapshot(
    plans as unknown as PlanEntry[],
    aims as AimEntry[],
    priorities as PriorityDoc[],
    targets as TargetDoc[],
    people,
  );
}

/**
 * Hands out the current snapshot. At most every `checkEveryMs` it reads the plans' revisions (a
 * handful of tiny documents) and reloads only when one has moved.
 */
export class PlanCatalogue {
  private snapshot?: Promise<PlanSnapshot>;
  private revisions = '';
  private checkedAt = 0;

  constructor(
    private readonly checkEveryMs = 2000,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<PlanSnapshot> {
    if (this.snapshot && this.now() - this.checkedAt < this.checkEveryMs) return this.snapshot;
    this.checkedAt = this.now();
    const revisions = JSON.stringify(await Plan.find({}, { revision: 1 }).sort({ _id: 1 }).lean());
    if (!this.snapshot || revisions !== this.revisions) {
      this.revisions = revisions;
      this.snapshot = loadSnapshot();
    }
    return this.snapshot;
  }
}
