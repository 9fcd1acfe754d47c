import { Aim, Person, Plan, Priority, Target } from '../../models';
import type { AimDoc } from '../../models/aim';
import type { PlanDoc } from '../../models/plan';
import type { PriorityDoc } from '../../models/priority';
import type { TargetDoc } from '../../models/target';
import { planEndOf } from '../measure/period';
import { normaliseCode } from './codes';
import { PlanSearch, type SearchHit } from './search';
import { LinkGraph } from './link-graph';
import { levelNames } from './levels';

export type PlanEntry = PlanDoc;
export type AimEntry = AimDoc;
/** A target with its owner's and deputy's names from the plan's people, where the plan has them. */
export type TargetEntry = TargetDoc & {
  ownerName?: string;
  deputyName?: string;
  /** The plan's Amber band (percent) and the end of its period, for the RAG's reckoning. */
  planTolerance?: number;
  planEnd?: string;
};
export type PriorityEntry = PriorityDoc & { targets: TargetEntry[]; aimEntry: AimDoc | undefined };
/** A plan's person as chat reads need them: their name, plans, department and line manager. */
export interface SnapshotPerson {
  _id: unknown;
  name?: string | null;
  plans?: string[] | null;
  department?: string | null;
  lineManager?: string | null;
}

/**
 * Every plan in memory, for chat reads: a whole plan is small, and a reply must not wait on a
 * database that scans. Rebuilt when any plan's `revision` moves.
 */
export class PlanSnapshot {
  readonly priorities: PriorityEntry[];
  /** Every spelling of a code → the priorities it names, one per plan that uses it, in plan order. */
  private readonly byCode = new Map<string, PriorityEntry[]>();
  /** Person id (work email) → the plans whose file listed them (models/person.ts `plans`). */
  private readonly plansOfPerson = new Map<string, string[]>();
  private readonly search: PlanSearch;
  /**
   * Every aim, priority and target linked both ways: `up` what each contributes to, `down` what
   * contributes to it, across plans (services/plan/link-graph.ts). Built here so chat never queries.
   */
  readonly links: LinkGraph;
  /** The plans' people by id (work email): names, departments and line managers for line of sight. */
  readonly people: ReadonlyMap<string, SnapshotPerson>;

  constructor(
    readonly plans: PlanEntry[],
    readonly aims: AimEntry[],
    priorities: PriorityDoc[],
    targets: TargetDoc[],
    /**
     * The plans' people (id = work email): replies name owners, not email addresses, and a
     * person's plans are the ones a question prefers (services/answers/plans.ts).
     */
    people: SnapshotPerson[] = [],
  ) {
    this.people = new Map(people.map((p) => [String(p._id), p]));
    const aimOf = new Map(aims.map((a) => [`${a.plan}:${a.key}`, a]));
    const names = new Map(people.map((p) => [String(p._id), p.name ?? undefined]));
    const planOf = new Map(plans.map((p) => [p._id, { tolerance: p.tolerance, end: planEndOf(p) }]));
    for (const p of people) if (p.plans?.length) this.plansOfPerson.set(String(p._id), p.plans);
    const targetsOf = new Map<string, TargetEntry[]>();
    for (const t of targets) {
      const entry: TargetEntry = {
        ...t,
        ownerName: t.owner ? names.get(t.owner) : undefined,
        deputyName: t.deputy ? names.get(t.deputy) : undefined,
        planTolerance: planOf.get(t.plan)?.tolerance ?? undefined,
        planEnd: planOf.get(t.plan)?.end,
      };
      targetsOf.set(`${t.plan}:${t.priority}`, [...(targetsOf.get(`${t.plan}:${t.priority}`) ?? []), entry]);
    }
    this.priorities = priorities.map((p) => ({
      ...p,
      targets: targetsOf.get(p._id) ?? [],
      aimEntry: aimOf.get(`${p.plan}:${p.aim}`),
    }));
    for (const p of this.priorities) {
      // Two plans may print the same code (ED.1 in a corporate plan and in a service plan): keep both.
      for (const name of new Set(
        [p.key, p.code, ...p.aliases].filter(Boolean).map((n) => normaliseCode(n as string)),
      )) {
        const named = this.byCode.get(name) ?? [];
        if (!named.some((q) => q.plan === p.plan)) this.byCode.set(name, [...named, p]);
      }
    }
    this.search = new PlanSearch(this.priorities);
    this.links = new LinkGraph(plans, aims, this.priorities);
  }

  /** The names of a plan's levels from the top, in its own words (services/plan/levels.ts). */
  levelNames(planId: string): string[] {
    return levelNames(this.planById(planId));
  }

  /**
   * The priority a typed code names ("ed1", "SC.1", "Cl. 2"), if any: the one in `plan` (a plan id)
   * when given, else the first plan's. Where two plans may share the code, ask prioritiesByCode.
   */
  priorityByCode(typed: string, plan?: string): PriorityEntry | undefined {
    const named = this.byCode.get(normaliseCode(typed));
    return plan ? named?.find((p) => p.plan === plan) : named?.[0];
  }

  /** Every priority a typed code names, one per plan that uses it, in plan order; [] when none. */
  prioritiesByCode(typed: string): PriorityEntry[] {
    return this.byCode.get(normaliseCode(typed)) ?? [];
  }

  /** The plan with this id, if it is loaded. */
  planById(id: string): PlanEntry | undefined {
    return this.plans.find((p) => p._id === id);
  }

  /** The ids of the plans whose file listed this person (their organisation's); [] for a stranger. */
  plansOf(personId: string | undefined): string[] {
    return (personId && this.plansOfPerson.get(personId.toLowerCase())) || [];
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
    return [...new Map(scored.map((c) => [c.code, c])).values()]
      .sort((a, b) => a.distance - b.distance || CODE_ORDER.compare(a.code, b.code))
      .slice(0, limit)
      .map((c) => c.code);
  }

  /**
   * Priorities and targets a free-text question finds, best first, weak matches cut
   * (services/plan/search.ts says how). A target hit carries its priority.
   */
  searchPlan(query: string, limit = 50): SearchHit[] {
    return this.search.search(query, limit);
  }

  /**
   * Every priority a free-text question finds, best first, a target's hit counting for its
   * priority, nothing cut: for the Teams picker, which is scrolled rather than read.
   */
  searchPriorities(query: string, limit = 10): { priority: PriorityEntry; score: number }[] {
    const best = new Map<PriorityEntry, number>();
    for (const hit of this.search.search(query, Number.MAX_SAFE_INTEGER, true)) {
      if (!best.has(hit.priority)) best.set(hit.priority, hit.score);
    }
    return [...best].slice(0, limit).map(([priority, score]) => ({ priority, score }));
  }
}

/** ED.2 before ED.10; one collator, since localeCompare with options builds one per call. */
const CODE_ORDER = new Intl.Collator('en', { numeric: true });

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
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

/**
 * How many targets one reply of the database carries. On the embedded database a sorted read
 * answers only once it has read and sorted every target, and a read that unsorted, in replies of
 * this size, keeps the connection busy: measured on a 5,000-target plan (13 MB), the sorted read
 * was silent for 3.8 s — beyond the socket timeout of the default DATABASE_TIMEOUT_MS (4 s, half
 * for a read), so the snapshot never loaded — and the longest wait between replies here was 0.9 s.
 */
const TARGETS_PER_REPLY = 500;

/** Every target, in plan order (plan, then order), sorted here rather than by the database. */
async function allTargets(): Promise<TargetDoc[]> {
  const targets: TargetDoc[] = [];
  for await (const t of Target.find().lean().cursor({ batchSize: TARGETS_PER_REPLY }))
    targets.push(t as TargetDoc);
  // As the database's {plan: 1, order: 1}: plan ids are compared as strings, orders as numbers.
  return targets.sort((a, b) => (a.plan < b.plan ? -1 : a.plan > b.plan ? 1 : a.order - b.order));
}

/** Loads every plan into a snapshot. */
export async function loadSnapshot(): Promise<PlanSnapshot> {
  // Plan by plan, as `plans` are (by id), each in its own order: two plans' aims never interleave.
  const byOrder = { plan: 1 as const, order: 1 as const };
  const [plans, aims, priorities, targets, people] = await Promise.all([
    Plan.find().sort({ _id: 1 }).lean(),
    Aim.find().sort(byOrder).lean(),
    Priority.find().sort(byOrder).lean(),
    allTargets(),
    // What chat reads of people: a plan import that changes people moves the plan's revision, so they stay fresh.
    Person.find({}, { name: 1, plans: 1, department: 1, lineManager: 1 }).lean(),
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

  /**
   * The snapshot after a change this bot has just made (a target edited in chat): the revisions are
   * read now, not up to `checkEveryMs` later, so the next answer already shows the change.
   */
  async refresh(): Promise<PlanSnapshot> {
    this.checkedAt = 0;
    return this.current();
  }

  async current(): Promise<PlanSnapshot> {
    if (this.snapshot && this.now() - this.checkedAt < this.checkEveryMs) return this.snapshot;
    this.checkedAt = this.now();
    const revisions = JSON.stringify(await Plan.find({}, { revision: 1 }).sort({ _id: 1 }).lean());
    if (!this.snapshot || revisions !== this.revisions) {
      const previous = this.snapshot;
      const loading = loadSnapshot();
      this.revisions = revisions;
      this.snapshot = loading;
      // A load that failed (the database timed out) is not kept for good: the questions waiting on
      // it fail and the next question loads again — at once when there is no snapshot yet, else
      // after `checkEveryMs`, the last good snapshot answering meanwhile.
      loading.catch(() => {
        if (this.snapshot !== loading) return;
        this.snapshot = previous;
        this.revisions = '';
      });
    }
    return this.snapshot;
  }
}
