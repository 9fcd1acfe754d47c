import { Audit, Person } from '../../models';
import { anyOf, trusted } from '../../models/operators';
import { describeChange } from './describe';

/** One row of the audit trail as it is read back: every field it may have had, of any age. */
export interface AuditRow {
  _id: unknown;
  at: Date;
  by: string;
  channel: string;
  action: string;
  entity: string;
  entityId: string;
  plan?: string | null;
  event?: string | null;
  summary?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  /** Only rows about these entities (`plan:ED.1`, `plan:ED.1/1`, a person's email). */
  entityIds?: readonly string[];
  /** Only rows at or after this instant. */
  since?: Date;
  /** At most this many rows, newest first; without it, every row, oldest first (the CSV export). */
  latest?: number;
}

/**
 * Reads the audit trail. Filters are `_id`-free, so on the embedded FerretDB each read scans the
 * collection (≈ 50 µs a row, docs/design.md); chat reads ask for the latest hundred, and only the
 * policy team asks at all.
 */
export async function readAudit(q: AuditQuery = {}): Promise<AuditRow[]> {
  const filter: Record<string, unknown> = {};
  if (q.entityIds) filter.entityId = anyOf(q.entityIds);
  if (q.since) filter.at = trusted({ $gte: q.since });
  const find = Audit.find(filter).sort(q.latest ? { at: -1, _id: -1 } : { at: 1, _id: 1 });
  return (await (q.latest ? find.limit(q.latest) : find).lean()) as AuditRow[];
}

/** The change a row records, in words: its stored summary, or one made now for older rows. */
export function changeText(row: AuditRow): string {
  return row.summary ?? describeChange(row);
}

/**
 * The plans a row belongs to: its own `plan`, or what its entity says (an aim, priority, target or
 * cycle id starts with its plan; a plan row is the plan). A row about a person belongs to the plans
 * that list them (`personPlans`), since leave and identities are not per plan.
 */
export function plansOf(row: AuditRow, personPlans: ReadonlyMap<string, readonly string[]>): string[] {
  if (row.plan) return [row.plan];
  if (row.entity === 'plans' || row.entity === 'demo') return [row.entityId];
  if (row.entity === 'people') return [...(personPlans.get(row.entityId) ?? [])];
  const colon = row.entityId.indexOf(':');
  return colon > 0 ? [row.entityId.slice(0, colon)] : [];
}

/** Names and plans of the people in `ids` (work emails): who made a change, and whose it was. */
export async function peopleOf(
  ids: readonly string[],
): Promise<{ names: Map<string, string>; plans: Map<string, string[]> }> {
  const wanted = [...new Set(ids)];
  const found = wanted.length ? await Person.find({ _id: anyOf(wanted) }, { name: 1, plans: 1 }).lean() : [];
  return {
    names: new Map(found.map((p) => [String(p._id), p.name])),
    plans: new Map(found.map((p) => [String(p._id), (p.plans as string[] | undefined) ?? []])),
  };
}
