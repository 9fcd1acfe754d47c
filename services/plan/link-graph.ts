import type { AimDoc } from '../../models/aim';
import type { PlanDoc } from '../../models/plan';
import type { ItemStatus } from '../../models/rag';
import { levelIndex, levelName } from './levels';
import { nodeId, referenceResolver, type ItemKind, type KnownItem } from './links';
import type { PriorityEntry, TargetEntry } from './snapshot';

/** One aim, priority or target of a plan, with its place and its links both ways. */
export interface PlanItem {
  /** "priority|leicester-2003:ED.1": kinds kept apart (services/plan/links.ts nodeId). */
  id: string;
  /** "leicester-2003:ED.1": how a contributes-to link names it. */
  ref: string;
  plan: string;
  kind: ItemKind;
  key: string;
  /** The code as printed (a priority's), else the key. */
  code: string;
  title: string;
  /** 0-based: 0 the aims, 1 the priorities, 2 and below the targets. */
  level: number;
  /** The plan's name for that level ("Headline milestone or target", "KPI"). */
  levelName: string;
  status?: ItemStatus;
  statusNote?: string;
  /** The target's owner (work email); undefined for aims and priorities. */
  owner?: string;
  target?: TargetEntry;
  priority?: PriorityEntry;
  /** What it sits under in its own plan: a target's parent or priority, a priority's aim. */
  under?: PlanItem;
  /** Its own items one level down. */
  children: PlanItem[];
  /** What it contributes to (up), and what contributes to it (down), across plans. */
  up: PlanItem[];
  down: PlanItem[];
}

/**
 * Every item of every plan, linked: built once per snapshot (services/plan/snapshot.ts), so a line
 * of sight reply reads memory, never the database. Links the database holds that name nothing (a
 * plan since pruned) are left out, and walks guard against loops the import would have refused.
 */
export class LinkGraph {
  private readonly byId = new Map<string, PlanItem>();
  private readonly byRef = new Map<string, PlanItem[]>();

  constructor(plans: readonly PlanDoc[], aims: readonly AimDoc[], priorities: readonly PriorityEntry[]) {
    const planOf = new Map(plans.map((p) => [p._id, p]));
    const written = new Map<string, readonly string[]>();
    const add = (
      item: Omit<PlanItem, 'children' | 'up' | 'down' | 'levelName'>,
      links: readonly string[],
    ) => {
      const full: PlanItem = {
        ...item,
        levelName: levelName(planOf.get(item.plan), item.level),
        children: [],
        up: [],
        down: [],
      };
      this.byId.set(full.id, full);
      this.byRef.set(full.ref, [...(this.byRef.get(full.ref) ?? []), full]);
      written.set(full.id, links);
      return full;
    };
    for (const a of aims)
      add(
        {
          id: nodeId('aim', a.plan, a.key),
          ref: `${a.plan}:${a.key}`,
          plan: a.plan,
          kind: 'aim',
          key: a.key,
          code: a.code ?? a.key,
          title: a.title,
          level: 0,
        },
        a.contributesTo ?? [],
      );
    const parents: [PlanItem, string][] = [];
    for (const p of priorities) {
      const priority = add(
        {
          id: nodeId('priority', p.plan, p.key),
          ref: `${p.plan}:${p.key}`,
          plan: p.plan,
          kind: 'priority',
          key: p.key,
          code: p.code ?? p.key,
          title: p.title,
          level: 1,
          status: p.status ?? undefined,
          statusNote: p.statusNote ?? undefined,
          priority: p,
        },
        p.contributesTo ?? [],
      );
      parents.push([priority, nodeId('aim', p.plan, p.aim)]);
      for (const t of p.targets) {
        const item = add(
          {
            id: nodeId('target', t.plan, t.key),
            ref: `${t.plan}:${t.key}`,
            plan: t.plan,
            kind: 'target',
            key: t.key,
            code: t.key,
            title: t.text,
            level: 2,
            status: t.status ?? undefined,
            statusNote: t.statusNote ?? undefined,
            owner: t.owner ?? undefined,
            target: t,
            priority: p,
          },
          t.contributesTo ?? [],
        );
        parents.push([item, t.parent ? nodeId('target', t.plan, t.parent) : priority.id]);
      }
    }
    for (const [item, parent] of parents) {
      const under = this.byId.get(parent);
      if (!under) continue;
      item.under = under;
      under.children.push(item);
    }
    for (const item of this.byId.values()) {
      if (item.kind !== 'target') continue;
      const plan = planOf.get(item.plan);
      const named = item.target?.level ? levelIndex(plan, item.target.level) : undefined;
      item.level = named ?? depthBelowPriority(item) + 1;
      item.levelName = levelName(plan, item.level);
    }
    const resolve = referenceResolver([...this.byId.values()].map(known));
    for (const [id, links] of written) {
      const item = this.byId.get(id) as PlanItem;
      for (const link of links) {
        const to = this.byId.get(resolve(link, item.plan).node ?? '');
        if (!to || to === item || item.up.includes(to)) continue;
        item.up.push(to);
        to.down.push(item);
      }
    }
  }

  /** The item a reference names ("leicester-2003:ED.1"), or undefined (or when two share it). */
  byReference(ref: string): PlanItem | undefined {
    const found = this.byRef.get(ref);
    return found?.length === 1 ? found[0] : undefined;
  }

  /** The item of this node id (services/plan/links.ts nodeId). */
  get(id: string): PlanItem | undefined {
    return this.byId.get(id);
  }

  /** Every item, plan by plan in snapshot order, aims then priorities each followed by its targets. */
  all(): PlanItem[] {
    return [...this.byId.values()];
  }
}

/** How far a target sits below its priority (1 for a target with no parent), guarded against loops. */
function depthBelowPriority(item: PlanItem): number {
  let depth = 1;
  const seen = new Set<PlanItem>([item]);
  for (let at = item.under; at && at.kind === 'target' && !seen.has(at); at = at.under) {
    seen.add(at);
    depth++;
  }
  return depth;
}

const known = (item: PlanItem): KnownItem => ({
  plan: item.plan,
  key: item.key,
  kind: item.kind,
  contributesTo: [],
});
