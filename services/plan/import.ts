import { anyOf } from '../../models/operators';
import { recordAudit, type AuditEntry } from '../audit/record';
import { Aim, Cycle, CycleTarget, Person, Plan, Priority, Target } from '../../models';
import { readPlanFile } from '../plan-file/read';
import type { PlanFile } from '../plan-file/schema';
import { itemDocuments, unscoped, type Doc } from './documents';
import { loadKnownPlans } from './known-plans';
import { diffDocuments, type Diff } from './diff';
import { importedLatest, insertUpdates, unstoredUpdates } from './import-updates';
import type { CurrentFigures } from './latest';
import { writeDiff, type Extra } from './import-write';
import { importSignOffs } from '../sign-off/import';
import { Risk } from '../../models/risk';
import { riskDocuments } from '../risk/file';

export type Progress = (phase: string, done: number, total: number) => void;

export interface ImportOptions {
  /** Who is importing, for the audit log (an email or a service name). */
  by: string;
  /** Remove aims, priorities and targets the file no longer lists. */
  prune?: boolean;
  /**
   * Add only what the database lacks: nothing stored is changed (the demo loader, on a database
   * that may have been used). Differences are counted as `kept`.
   */
  keepExisting?: boolean;
  onProgress?: Progress;
  now?: () => Date;
}

type Counts = {
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
  notInFile: number;
  /** Differing from the file, left as stored because of `keepExisting`. */
  kept: number;
};
export interface ImportSummary {
  plan: string;
  aims: Counts;
  priorities: Counts;
  targets: Counts;
  people: Counts;
  /** The risk register (services/risk/*): pruned like targets, with `prune`. */
  risks: Counts;
  updates: { created: number; unchanged: number };
  /** Cycles are only ever added: one already in the database is kept as it is. */
  cycles: { created: number; unchanged: number };
  changed: boolean;
}

const BATCH = 1000;

/** Reads, validates and imports a plan file: the whole file is checked before anything is written. */
export async function importPlanFile(
  file: string,
  maxBytes: number,
  options: ImportOptions,
): Promise<ImportSummary> {
  const knownPeople = new Set((await Person.find({}, { _id: 1 }).lean()).map((p) => String(p._id)));
  const knownCycles = new Set((await Cycle.find({}, { _id: 1 }).lean()).map((c) => unscoped(String(c._id))));
  const knownPlans = await loadKnownPlans();
  return importPlan(await readPlanFile(file, { maxBytes, knownPeople, knownCycles, knownPlans }), options);
}

/**
 * Brings the database in line with a validated plan. The plan's stored aims, priorities, targets,
 * risks and cycles are loaded once and compared in memory; its updates are looked up by `_id`, a
 * thousand at a time. Importing the same plan twice writes nothing. Only what the file states changes:
 * a field it leaves out is kept (services/plan-file/stated.ts); leave, chat identities, update
 * history and cycles it does not list are kept; updates and cycles are only ever added.
 */
export async function importPlan(file: PlanFile, options: ImportOptions): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const wanted = itemDocuments(file);
  const planId = wanted.plan._id;
  // Each collection's existing documents are loaded once; lean() hands back plain stored data.
  const docs = async (query: PromiseLike<unknown>) => (await query) as Doc[];

  const existingPeople = await docs(Person.find({ _id: anyOf(wanted.people.map((p) => p._id)) }).lean());
  const plansOf = new Map(existingPeople.map((p) => [p._id, (p.plans as string[] | undefined) ?? []]));
  for (const person of wanted.people)
    person.plans = [...new Set([...(plansOf.get(person._id) ?? []), planId])];

  const soft = wanted.soft;
  const existingTargets = await docs(Target.find({ plan: planId }).lean());
  const diffs = {
    plan: diffDocuments([wanted.plan], await docs(Plan.find({ _id: planId }).lean()), soft),
    aims: diffDocuments(wanted.aims, await docs(Aim.find({ plan: planId }).lean()), soft),
    priorities: diffDocuments(wanted.priorities, await docs(Priority.find({ plan: planId }).lean()), soft),
    targets: diffDocuments(wanted.targets, existingTargets, soft),
    people: diffDocuments(wanted.people, existingPeople, soft),
    risks: diffDocuments(
      riskDocuments(planId, file.risks, file.plan.riskMatrix),
      await docs(Risk.find({ plan: planId }).lean()),
      soft,
    ),
  };
  const keep = !!options.keepExisting;
  const knownCycles = new Set(
    ((await Cycle.find({ plan: planId }, { _id: 1 }).lean()) as { _id: string }[]).map((c) => c._id),
  );
  const newCycles = wanted.cycles.filter((c) => !knownCycles.has(c._id));
  const newAsked = new Set(newCycles.map((c) => c._id));
  // Updates are only ever added: those the ledger lacks, ranked into their targets' figures here
  // in memory and written with the targets' other changes, one write per target.
  const fresh = await unstoredUpdates(wanted.updateIds, (done, total) =>
    options.onProgress?.('stored updates', done, total),
  );
  const latest = importedLatest(
    planId,
    file.updates,
    wanted.updateIds,
    fresh,
    new Map(existingTargets.map((t) => [t._id, t as CurrentFigures])),
  );

  const at = now();
  const audit: AuditEntry[] = [];
  const write = async (name: string, model: unknown, diff: Diff, prune: boolean, extra?: Extra) => {
    const changes = keep ? [] : diff.change;
    await writeDiff(model, diff, {
      changes,
      prune,
      extra,
      onProgress: (done, total) => options.onProgress?.(name, done, total),
    });
    const entry = (action: AuditEntry['action'], entityId: string, before?: unknown, after?: unknown) =>
      audit.push({ at, by: options.by, channel: 'import', action, entity: name, entityId, before, after });
    diff.create.forEach((d) => entry('create', d._id, undefined, d));
    changes.forEach((c) =>
      entry('change', c.id, c.before, { ...c.set, ...Object.fromEntries(c.unset.map((f) => [f, null])) }),
    );
    if (prune) diff.missing.forEach((d) => entry('remove', d._id, d, undefined));
  };

  await write('plans', Plan, diffs.plan, false);
  await write('people', Person, diffs.people, false);
  await write('aims', Aim, diffs.aims, !!options.prune);
  await write('priorities', Priority, diffs.priorities, !!options.prune);
  // A target's figures go with it, before the updates they name: should the import stop between
  // the two, importing again adds the missing updates and ranks them in again, to the same figures.
  await write('targets', Target, diffs.targets, !!options.prune, latest);
  await write('risks', Risk, diffs.risks, !!options.prune);

  const pending = await insertUpdates(planId, file.updates, wanted.updateIds, fresh, (done, total) =>
    options.onProgress?.('updates', done, total),
  );
  // A figure the file says is not yet confirmed enters the sign-off chain again (at its first
  // step: the decisions stay in the database it came from); the rest count at once.
  await importSignOffs(planId, pending, options.by, at);

  // A cycle comes with its rows: the targets it asked for and what was submitted for each. An
  // imported open cycle schedules nothing: its requests and reminders belong to the database it
  // was opened in (`npm run cycle` or "remind outstanding" sends them here if wanted).
  if (newCycles.length) {
    await Cycle.insertMany(newCycles, { ordered: true });
    const rows = wanted.cycleTargets.filter((t) => newAsked.has(String(t.cycle)));
    for (let i = 0; i < rows.length; i += BATCH)
      await CycleTarget.insertMany(rows.slice(i, i + BATCH), { ordered: true });
    newCycles.forEach((c) =>
      audit.push({
        at,
        by: options.by,
        channel: 'import',
        action: 'create',
        entity: 'cycles',
        entityId: c._id,
        after: c,
      }),
    );
  }

  const changed = audit.length > 0 || fresh.length > 0;
  await recordAudit(audit);
  // The plan's revision tells every running bot that its in-memory snapshot is stale.
  if (changed) await Plan.updateOne({ _id: planId }, { $inc: { revision: 1 } });

  const counts = (d: Diff, prune: boolean): Counts => ({
    created: d.create.length,
    changed: keep ? 0 : d.change.length,
    unchanged: d.unchanged,
    removed: prune ? d.missing.length : 0,
    notInFile: prune ? 0 : d.missing.length,
    kept: keep ? d.change.length : 0,
  });
  const prune = !!options.prune;
  return {
    plan: planId,
    aims: counts(diffs.aims, prune),
    priorities: counts(diffs.priorities, prune),
    targets: counts(diffs.targets, prune),
    people: counts(diffs.people, false),
    risks: counts(diffs.risks, prune),
    updates: { created: fresh.length, unchanged: wanted.updateIds.length - fresh.length },
    cycles: { created: newCycles.length, unchanged: wanted.cycles.length - newCycles.length },
    changed,
  };
}
