import type { Path } from '../plan-file/problems';
import type { PlanFile } from '../plan-file/schema';
import { levelIndex, levelName, levelNames } from './levels';

/** What a plan item is: level 1 (aim), 2 (priority), or 3 and below (target). */
export type ItemKind = 'aim' | 'priority' | 'target';

export const REFERENCE_HELP =
  'expected an item of a plan, such as "leicester-2003:ED.1" (plan id, colon, key) or "ED.1" for this plan';

const PLAN_ID = /^[a-z0-9][a-z0-9-]*$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/**
 * Reads a contributes-to reference: "<plan id>:<item key>", or "<item key>" for the plan it is
 * written in. Plan ids have no colon and keys none either, so the first colon splits them.
 * Undefined when it is neither.
 */
export function readReference(text: string): { plan?: string; key: string } | undefined {
  const at = text.indexOf(':');
  const plan = at >= 0 ? text.slice(0, at) : undefined;
  const key = text.slice(at + 1);
  if (plan !== undefined && !PLAN_ID.test(plan)) return undefined;
  return KEY.test(key) ? { plan, key } : undefined;
}

/** One item of a plan for the link checks: its own key, its place and what it links to. */
export interface KnownItem {
  plan: string;
  key: string;
  kind: ItemKind;
  /** The item it sits under, as a node id (`nodeId`): a target's parent target or priority, a priority's aim. */
  under?: string;
  /** As written: "<plan>:<key>" or "<key>" of its own plan. */
  contributesTo: readonly string[];
  /** For an individual plan's items: whose objectives they are. */
  person?: string;
}

/** Other plans in the database, as the link checks need them (services/plan/import.ts loads them). */
export interface KnownPlans {
  plans: { id: string; kind?: string; person?: string }[];
  items: KnownItem[];
}

/** A node of the link graph: kinds kept apart, as an aim and a priority may share a key. */
export const nodeId = (kind: ItemKind, plan: string, key: string) => `${kind}|${plan}:${key}`;

export interface LinkProblem {
  path: Path;
  message: string;
}

/**
 * Resolves references to nodes over a set of items: "ED.1" names the one item of that key in the
 * plan it is read from. `ambiguous` when an aim and a priority (say) share the key.
 */
export function referenceResolver(items: readonly KnownItem[]) {
  const byRef = new Map<string, string[]>();
  for (const item of items) {
    const ref = `${item.plan}:${item.key}`;
    byRef.set(ref, [...(byRef.get(ref) ?? []), nodeId(item.kind, item.plan, item.key)]);
  }
  return (written: string, from: string): { node?: string; ambiguous?: boolean; ref: string } => {
    const read = readReference(written);
    const ref = read ? `${read.plan ?? from}:${read.key}` : written;
    const nodes = byRef.get(ref) ?? [];
    return nodes.length > 1 ? { ref, ambiguous: true } : { ref, node: nodes[0] };
  };
}

/** The file's items with where each sits in the file, as KnownItems. */
function fileItems(file: PlanFile): { item: KnownItem; path: Path }[] {
  const plan = file.plan.id;
  const person = file.plan.kind === 'individual' ? file.plan.person : undefined;
  const out: { item: KnownItem; path: Path }[] = file.aims.map((a, i) => ({
    item: { plan, key: a.id, kind: 'aim', contributesTo: a.contributesTo },
    path: ['aims', i],
  }));
  file.priorities.forEach((p, i) => {
    out.push({
      item: {
        plan,
        key: p.id,
        kind: 'priority',
        under: nodeId('aim', plan, p.aim),
        contributesTo: p.contributesTo,
        person,
      },
      path: ['priorities', i],
    });
    p.targets.forEach((t, j) =>
      out.push({
        item: {
          plan,
          key: t.id,
          kind: 'target',
          under: t.parent ? nodeId('target', plan, t.parent) : nodeId('priority', plan, p.id),
          contributesTo: t.contributesTo,
          person,
        },
        path: ['priorities', i, 'targets', j],
      }),
    );
  });
  return out;
}

/**
 * What a plan file's links, levels, kind and objectives get wrong, each with where it is:
 * - a target's `level` not among the plan's levels, or above the targets' first level; a deeper
 *   target without a `parent`, or with one that is not a target of the same priority one level up;
 * - a `contributesTo` reference to nothing (in the file, or in `known` — the database's other
 *   plans; left unchecked for other plans when `known` is not given), to the item itself, or one
 *   that closes a cycle (following links and what each item sits under, across plans);
 * - a service or team plan without its `team`, an individual plan without its `person`;
 * - a cross-cutting theme naming something that is not an aim or priority of the plan;
 * - an objective two people would claim. An objective is an item of an individual plan, and its
 *   key is how the council refers to it ("HO-AW.1"): a priority or target key that another
 *   person's individual plan already holds is refused, as is an objective owned by someone other
 *   than the person whose plan it is.
 */
export function checkLinks(file: PlanFile, known?: KnownPlans): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const plan = file.plan;
  const mine = fileItems(file);
  checkKind(file, problems);
  checkLevels(file, problems);

  // The file's plan replaces whatever the database held of it.
  const others = (known?.items ?? []).filter((i) => i.plan !== plan.id);
  const all = [...mine.map((m) => m.item), ...others];
  const resolve = referenceResolver(all);
  const keys = new Set(mine.map((m) => m.item.key));
  plan.crossCutting.forEach((theme, i) =>
    theme.items.forEach((key, j) => {
      const found = mine.find((m) => m.item.key === key && m.item.kind !== 'target');
      if (!found)
        problems.push({
          path: ['plan', 'crossCutting', i, 'items', j],
          message: keys.has(key)
            ? `"${key}" is a target: a cross-cutting theme brings aims and priorities together`
            : `there is no aim or priority with id "${key}" in this plan`,
        });
    }),
  );

  const checkOthers = known !== undefined;
  const edges = new Map<string, string[]>();
  const add = (from: string, to: string) => edges.set(from, [...(edges.get(from) ?? []), to]);
  for (const item of all) {
    const node = nodeId(item.kind, item.plan, item.key);
    if (item.under) add(node, item.under);
    if (item.plan !== plan.id)
      for (const ref of item.contributesTo) {
        const to = resolve(ref, item.plan).node;
        if (to) add(node, to);
      }
  }
  const fileLinks: { from: string; to: string; path: Path; ref: string }[] = [];
  for (const { item, path } of mine) {
    const self = nodeId(item.kind, item.plan, item.key);
    item.contributesTo.forEach((written, n) => {
      const where = [...path, 'contributesTo', n];
      const { node, ambiguous, ref } = resolve(written, plan.id);
      const samePlan = ref.startsWith(`${plan.id}:`);
      if (ambiguous)
        problems.push({
          path: where,
          message: `"${written}" names more than one item of ${ref.split(':')[0]} (an aim and a priority share the key): give them different ids`,
        });
      else if (node === self)
        problems.push({
          path: where,
          message: `"${written}" is this item itself: an item cannot contribute to itself`,
        });
      else if (!node && (samePlan || checkOthers))
        problems.push({ path: where, message: nothingThere(ref, plan.id, known) });
      else if (node) {
        add(self, node);
        fileLinks.push({ from: self, to: node, path: where, ref: written });
      }
    });
  }
  for (const link of fileLinks) {
    const loop = pathBetween(edges, link.to, link.from);
    if (loop)
      problems.push({
        path: link.path,
        message: `"${link.ref}" makes a cycle of links: ${[link.from, ...loop].map(shown).join(' → ')}. An item cannot contribute, even through others, to something that contributes to it`,
      });
  }
  checkObjectives(file, mine, known, problems);
  return problems;
}

/** "there is no ED.9 in leicester-2003", said so that the person can see which half is wrong. */
function nothingThere(ref: string, own: string, known: KnownPlans | undefined): string {
  const [planId = '', key = ''] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  if (planId === own) return `there is no aim, priority or target "${key}" in this plan`;
  if (!known?.plans.some((p) => p.id === planId))
    return `there is no plan "${planId}" in the database: import it first, or check the plan id before the colon`;
  return `plan ${planId} has no aim, priority or target "${key}"`;
}

/** "aim|leicester-2003:education" → "leicester-2003:education". */
const shown = (node: string) => node.slice(node.indexOf('|') + 1);

/** The nodes from `from` to `to` following edges (breadth first, so the shortest), or undefined. */
function pathBetween(edges: Map<string, string[]>, from: string, to: string): string[] | undefined {
  const came = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    if (node === to) {
      const path: string[] = [];
      for (let at: string | null | undefined = node; at; at = came.get(at)) path.unshift(at);
      return path;
    }
    for (const next of edges.get(node) ?? [])
      if (!came.has(next)) {
        came.set(next, node);
        queue.push(next);
      }
  }
  return undefined;
}

function checkKind(file: PlanFile, problems: LinkProblem[]): void {
  const { kind = 'corporate', team, person } = file.plan;
  if ((kind === 'service' || kind === 'team') && !team)
    problems.push({
      path: ['plan', 'team'],
      message: `a ${kind} plan needs the department it belongs to (team), as people's department names it`,
    });
  if (kind === 'individual' && !person)
    problems.push({
      path: ['plan', 'person'],
      message: 'an individual plan needs the work email of the person whose objectives it holds (person)',
    });
  if (kind !== 'individual' && person)
    problems.push({
      path: ['plan', 'person'],
      message: 'only an individual plan (kind: individual) belongs to a person: leave person out',
    });
}

/** Targets' levels and parents: each deeper target sits under one of its priority one level up. */
function checkLevels(file: PlanFile, problems: LinkProblem[]): void {
  const names = levelNames(file.plan);
  file.priorities.forEach((p, i) => {
    const byKey = new Map(p.targets.map((t, j) => [t.id, { t, j }]));
    const depth = new Map<string, number | undefined>();
    const levelOf = (key: string, seen: Set<string>): number | undefined => {
      if (depth.has(key)) return depth.get(key);
      const t = byKey.get(key)?.t;
      if (!t || seen.has(key)) return undefined;
      seen.add(key);
      const named = t.level === undefined ? undefined : levelIndex(file.plan, t.level);
      const level =
        named ?? (t.level === undefined ? (t.parent ? plusOne(levelOf(t.parent, seen)) : 2) : undefined);
      depth.set(key, level);
      return level;
    };
    p.targets.forEach((t, j) => {
      const path = ['priorities', i, 'targets', j];
      const level = levelOf(t.id, new Set());
      if (t.level !== undefined && levelIndex(file.plan, t.level) === undefined) {
        problems.push({
          path: [...path, 'level'],
          message: `there is no level "${t.level}" in this plan: its levels are ${names.join(', ')} (plan levels)`,
        });
        return;
      }
      if (level !== undefined && level < 2) {
        problems.push({
          path: [...path, 'level'],
          message: `"${names[level]}" is the level of the plan's ${level === 0 ? 'aims' : 'priorities'}: a target sits at level 3 (${names[2] ?? 'Target'}) or below`,
        });
        return;
      }
      if (level !== undefined && level > 2 && level >= names.length) {
        problems.push({
          path: [...path, 'parent'],
          message: `the plan has no level below "${names[names.length - 1]}": add one to plan levels, or give this target a parent one level higher`,
        });
        return;
      }
      if (!t.parent) {
        if (level !== undefined && level > 2)
          problems.push({
            path: [...path, 'parent'],
            message: `a target at level "${names[level]}" needs a parent: the id of a target of priority ${p.id} at level "${names[level - 1]}"`,
          });
        return;
      }
      const parent = byKey.get(t.parent);
      if (!parent || t.parent === t.id) {
        problems.push({
          path: [...path, 'parent'],
          message: `"${t.parent}" is not ${t.parent === t.id ? 'another' : 'a'} target of priority ${p.id}: a parent is a target of the same priority, one level up`,
        });
        return;
      }
      const parentLevel = levelOf(t.parent, new Set());
      if (parentLevel === undefined) {
        // A parent whose own level is unknown is told so on its own row.
        if (parent.t.level === undefined || levelIndex(file.plan, parent.t.level) !== undefined)
          problems.push({
            path: [...path, 'parent'],
            message: `"${t.parent}" and the targets above it go round in a loop of parents: each target's parent must be one level up`,
          });
        return;
      }
      if (level === undefined || parentLevel !== level - 1)
        problems.push({
          path: [...path, 'parent'],
          message: `"${t.parent}" is at level "${levelName(file.plan, parentLevel ?? 2)}", not one level above this target's "${levelName(file.plan, level ?? 2)}": a parent is one level up`,
        });
    });
  });
}

const plusOne = (n: number | undefined) => (n === undefined ? undefined : n + 1);

/** See checkLinks: an objective belongs to one person. */
function checkObjectives(
  file: PlanFile,
  mine: { item: KnownItem; path: Path }[],
  known: KnownPlans | undefined,
  problems: LinkProblem[],
): void {
  const { kind, person, id } = file.plan;
  if (kind !== 'individual' || !person) return;
  file.priorities.forEach((p, i) =>
    p.targets.forEach((t, j) => {
      if (t.owner && t.owner !== person)
        problems.push({
          path: ['priorities', i, 'targets', j, 'owner'],
          message: `this is ${person}'s individual plan: an objective in it is theirs, not ${t.owner}'s (two people would claim it). Move it to ${t.owner}'s plan or leave owner out`,
        });
    }),
  );
  const claimed = new Map<string, { plan: string; person: string }>();
  for (const item of known?.items ?? [])
    if (item.plan !== id && item.person && item.person !== person && item.kind !== 'aim')
      claimed.set(item.key, { plan: item.plan, person: item.person });
  for (const { item, path } of mine) {
    const other = item.kind !== 'aim' ? claimed.get(item.key) : undefined;
    if (other)
      problems.push({
        path: [...path, 'id'],
        message: `objective "${item.key}" is already claimed by ${other.person} (individual plan ${other.plan}): an objective belongs to one person — give this one its own id`,
      });
  }
}
