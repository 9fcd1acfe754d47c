import { meetingLine } from './committee';
import { Cycle, CycleTarget, Person } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import { ukDate } from '../answers/format';
import type { CycleStatusRow, CycleStatusView } from '../answers/views';
import type { PlanSnapshot } from '../plan/snapshot';
import { shortName } from '../answers/plans';
import { schedule } from '../scheduling/scheduler';
import { londonDate } from './working-days';

type Cycle = CycleDoc & { _id: string };

/** The newest open cycle, or the one whose name was given. */
export async function findCycle(name?: string): Promise<Cycle | undefined> {
  const cycles = (await Cycle.find().sort({ opensOn: -1 }).lean()) as Cycle[];
  if (name) {
    const wanted = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    return cycles.find((c) => c.name.toLowerCase().replace(/[^a-z0-9]/g, '') === wanted);
  }
  return cycles.find((c) => c.status === 'open') ?? cycles[0];
}

/** Submitted / outstanding / overdue, by aim and by owner, counted in memory from one read. */
export async function cycleStatus(cycle: Cycle, plan: PlanSnapshot, now: Date): Promise<CycleStatusView> {
  const rows = await CycleTarget.find({ cycle: cycle._id }).lean();
  const overdue = londonDate(now) > cycle.dueOn;
  const aimOfTarget = new Map<string, string>();
  const planOfTarget = new Map<string, string>();
  // The update each target waits on in the sign-off chain (services/sign-off/*), if any.
  const provisional = new Map<string, string>();
  for (const p of plan.priorities)
    for (const t of p.targets) {
      if (t.latest?.status === 'provisional') provisional.set(t._id, t.latest.update);
      aimOfTarget.set(t._id, p.aimEntry?.title ?? 'No aim');
      planOfTarget.set(t._id, p.plan);
    }
  // A cycle over several plans names each aim's plan: two councils' "Learning" are not one row.
  if (new Set(rows.map((r) => planOfTarget.get(r.target))).size > 1)
    for (const [target, aim] of aimOfTarget) {
      const entry = plan.planById(planOfTarget.get(target) ?? '');
      if (entry) aimOfTarget.set(target, `${aim} (${shortName(entry, plan.plans)})`);
    }
  const people = new Map(
    (await Person.find({}, { name: 1 }).lean()).map((p) => [String(p._id), p.name] as const),
  );
  const tally = new Map<string, CycleStatusRow>();
  const add = (group: string, name: string, done: boolean, awaiting: boolean) => {
    const key = `${group}\u0000${name}`;
    const row = tally.get(key) ?? { name, submitted: 0, outstanding: 0, overdue: 0, awaitingSignOff: 0 };
    if (awaiting) row.awaitingSignOff = (row.awaitingSignOff ?? 0) + 1;
    if (done) row.submitted++;
    else if (overdue) row.overdue++;
    else row.outstanding++;
    tally.set(key, row);
  };
  for (const r of rows) {
    const done = !!r.submitted;
    const awaiting = done && provisional.get(r.target) === r.submitted?.update;
    add('total', 'All targets', done, awaiting);
    add('aim', aimOfTarget.get(r.target) ?? 'No aim', done, awaiting);
    add('owner', r.owner ? (people.get(r.owner) ?? r.owner) : 'No owner', done, awaiting);
  }
  const group = (g: string) =>
    [...tally.entries()].filter(([k]) => k.startsWith(`${g}\u0000`)).map(([, v]) => v);
  const totals = group('total')[0] ?? {
    name: 'All targets',
    submitted: 0,
    outstanding: 0,
    overdue: 0,
    awaitingSignOff: 0,
  };
  return {
    kind: 'cycleStatus',
    cycleId: cycle._id,
    name: cycle.name,
    due: ukDate(cycle.dueOn),
    meeting: meetingLine(cycle),
    totals,
    byAim: group('aim'),
    byOwner: group('owner').sort((a, b) => b.overdue + b.outstanding - (a.overdue + a.outstanding)),
    remind:
      totals.outstanding + totals.overdue > 0 && cycle.status === 'open'
        ? `remind outstanding for ${cycle.name}`
        : undefined,
  };
}

/**
 * Reminds every owner with targets outstanding, now. Keyed by the day, so a second click the same
 * day does not nag anyone twice.
 */
export async function remindOutstanding(cycle: Cycle, now: Date): Promise<number> {
  const rows = await CycleTarget.find({ cycle: cycle._id }).lean();
  const owners = [...new Set(rows.filter((r) => !r.submitted && r.owner).map((r) => r.owner as string))];
  await schedule(
    owners.map((owner) => ({
      id: `reminder-now-${londonDate(now)}:${cycle._id}:${owner}`,
      kind: 'cycle-reminder',
      at: now,
      payload: { cycle: cycle._id, owner },
    })),
  );
  return owners.length;
}
