import { Audit, Cycle, CycleTarget, Person, Plan, Priority, Target, Update } from '../../models';
import { grouped, insertById, readById, updateById } from '../../models/grouped';
import { insertPlain } from '../../models/insert-plain';
import { anyOf } from '../../models/operators';
import { auditRows, type AuditEntry } from '../audit/record';
import type { LatestChange } from '../plan/latest';

// The reads and writes of a card submission, each shared by the submissions in flight at the same
// time (models/grouped.ts): at 200 submissions a second, one `$in` read or one insertMany for all of
// them instead of one round trip each. Every read fixes `_id`; every write is by `_id` or an insert —
// on the embedded database anything else reads the whole collection (docs/design.md).

/** A monitoring cycle by `_id`, or null. */
export const readCycle = readById((filter) => Cycle.find(filter).lean().exec());
/** A target by `_id` (`plan:key`), with its latest figures, or null. */
export const readTarget = readById((filter) => Target.find(filter).lean().exec());
/** Whether a target is asked for in a cycle: its CycleTarget by `_id` (`cycle|target`), or null. */
export const readAsked = readById((filter) => CycleTarget.find(filter, { _id: 1 }).lean().exec());
/** A person by `_id` (their work email), or null. */
export const readPerson = readById((filter) => Person.find(filter).lean().exec());
/** A priority's code by `_id` (`plan:key`), or null. */
export const readPriority = readById((filter) => Priority.find(filter, { code: 1 }).lean().exec());
/** What checking and storing an update needs of its plan, by `_id`, or null. */
export const readPlan = readById((filter) =>
  Plan.find(filter, { tolerance: 1, period: 1, signOff: 1 }).lean().exec(),
);

const insertUpdate = insertById((docs) => Update.insertMany(docs, { ordered: false, lean: true }));

/**
 * Stores an update (a plain object as models/update.ts has it, `_id` included). True when stored,
 * false when an update with its `_id` is stored already (a double click). Throws, storing nothing,
 * when the update breaks the model's rules.
 */
export async function storeUpdate(doc: Record<string, unknown>): Promise<boolean> {
  const checked = new Update(doc);
  await checked.validate();
  return insertUpdate(checked.toObject());
}

// In call order (ordered): two submissions for one target in one group end as the later one left it.
const writeLatest = updateById((ops) => Target.bulkWrite(ops, { ordered: true }));
const writeSubmitted = updateById((ops) => CycleTarget.bulkWrite(ops, { ordered: true }));
// The rows are checked by auditRows, as recordAudit writes them (services/audit/record.ts).
const insertAudit = grouped<object[], undefined>(async (lists) => {
  await insertPlain(Audit, lists.flat());
  return lists.map(() => undefined);
});
const bumpRevisions = grouped<string, undefined>(async (plans) => {
  await Plan.updateMany({ _id: anyOf([...new Set(plans)]) }, { $inc: { revision: 1 } });
  return plans.map(() => undefined);
});

/** What follows a stored update: the target's figures, the cycle's record of it, its audit rows. */
export interface AfterUpdate {
  plan: string;
  latest: LatestChange;
  /** The CycleTarget's `_id` (`cycle|target`) and what was submitted for it. */
  asked: { _id: string; submitted: Record<string, unknown> };
  audit: AuditEntry[];
}

/**
 * Writes what a stored update changes: the target's latest figures (services/plan/latest.ts), the
 * cycle's note that it was submitted, the audit rows (services/audit/record.ts) — each together
 * with the other submissions' — and then moves the plan's revision, so every running bot reloads
 * its snapshot (services/plan/snapshot.ts) after the figures it would load are written.
 */
export async function writeAfterUpdate(after: AfterUpdate): Promise<void> {
  const rows = auditRows(after.audit);
  await Promise.all([
    writeLatest(after.latest._id, { $set: after.latest.$set }),
    writeSubmitted(after.asked._id, { $set: { submitted: after.asked.submitted } }),
    insertAudit(rows),
  ]);
  await bumpRevisions(after.plan);
}
