import { Cycle, CycleTarget, Job, Person, Target } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import { anyOf } from '../../models/operators';
import { closeCycle } from '../cycle/close';
import { openCycle } from '../cycle/open';
import type { Logger } from '../log/logger';
import { submitUpdate } from '../target-update/submit';
import type { DemoCalendar } from './demo-calendar';
import type { DemoCycle, DemoOverlay, DemoUpdate } from './demo-overlay';

/** Why the loader marks a job done without running it, shown as the job's outcome. */
export const NOT_SENT = 'demo: not run, nothing sent';

/**
 * Marks jobs done without running them. Used for what the demo's history would have sent in the
 * past, and for future requests and reminders to people who are not `you`: they are fictional.
 */
export async function retireJobs(ids: string[], at: Date, why: string): Promise<void> {
  if (ids.length)
    await Job.updateMany(
      { _id: anyOf(ids), state: 'due' },
      { $set: { state: 'done', doneAt: at, outcome: `${NOT_SENT} (${why})` } },
    );
}

/**
 * Opens, fills and (for a past quarter) closes one demo cycle through the cycle services, each step
 * at the time the calendar gives it. A cycle that exists already is left exactly as it is — it may
 * be a real one of the same name — so loading twice adds nothing. Returns the cycle's id, or
 * undefined when it was there already.
 */
export async function loadDemoCycle(
  spec: DemoCycle,
  overlay: DemoOverlay,
  calendar: DemoCalendar,
  log: Logger,
): Promise<string | undefined> {
  const dates = calendar.cycle(spec.quarter);
  const keys = [...new Set([...spec.updates.map((u) => u.target), ...spec.outstanding])];
  // The id openCycle gives it, to look for it first.
  const id = `${overlay.plan}:${dates.quarter.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
  if (await Cycle.exists({ _id: id })) {
    log.warn({ cycle: id }, 'Demo cycle exists already: left as it is');
    return undefined;
  }
  const opened = await openCycle(
    {
      plan: overlay.plan,
      name: dates.quarter.name,
      opensOn: dates.opensOn,
      dueOn: dates.dueOn,
      periodFrom: dates.quarter.from,
      targets: keys,
      by: overlay.by,
      channel: 'import',
    },
    dates.openedAt,
  );

  const targets = await Target.find(
    { _id: anyOf(keys.map((k) => `${overlay.plan}:${k}`)) },
    { key: 1, owner: 1 },
  ).lean();
  const ownerOf = new Map(targets.map((t) => [t.key, t.owner ?? undefined]));
  const byOf = (u: DemoUpdate) => u.by ?? ownerOf.get(u.target);
  const submitters = spec.updates.map(byOf).filter((b): b is string => !!b);
  const people = await Person.find({ _id: anyOf(submitters) }, { teamsId: 1 }).lean();
  // Each submits through the channel they are on: Teams for the chat clients' people.
  const onTeams = new Set(people.filter((p) => p.teamsId).map((p) => String(p._id)));
  for (const [i, u] of spec.updates.entries()) {
    const by = byOf(u);
    const result = await submitUpdate(
      {
        cycleId: id,
        targetId: `${overlay.plan}:${u.target}`,
        personId: by,
        channel: by && onTeams.has(by) ? 'teams' : 'slack',
        values: {
          value: u.value === undefined ? u.text : String(u.value),
          asOf: dates.quarter.to,
          rag: u.rag,
          commentary: u.commentary,
          evidence: u.evidence,
          overrideReason: u.overrideReason,
          // The form requires a corrective action for Red. The demo's Red commentaries were written
          // to say what is being done, so one that names no action of its own offers its commentary.
          correctiveAction: u.correctiveAction ?? (u.rag === 'red' ? u.commentary : undefined),
        },
      },
      log,
      dates.submittedAt(i),
    );
    if (!result.ok) {
      const view = result.view;
      const why = view.kind === 'notice' ? view.text : Object.values(view.errors).join(' ');
      throw new Error(`The demo's update of ${u.target} in ${dates.quarter.name} was refused: ${why}`);
    }
  }

  // Requests, reminders and escalations: one job per owner and send.
  const owners = [
    ...new Set(
      (await CycleTarget.find({ cycle: id }, { owner: 1 }).lean()).map((r) => r.owner).filter(Boolean),
    ),
  ] as string[];
  const jobs = owners.flatMap((owner) =>
    opened.schedule.map((send) => ({ id: `${send.key}:${id}:${owner}`, owner, at: send.at })),
  );
  if (dates.closedAt) {
    const cycle = (await Cycle.findById(id).lean()) as (CycleDoc & { _id: string }) | null;
    if (cycle) await closeCycle(cycle, overlay.by, 'import', dates.closedAt);
    await retireJobs(
      jobs.map((j) => j.id),
      dates.closedAt,
      'a past cycle',
    );
  } else {
    const you = new Set(overlay.you);
    const { now } = calendar;
    await retireJobs(
      jobs.filter((j) => j.at <= now).map((j) => j.id),
      now,
      'due before the demo was loaded',
    );
    await retireJobs(
      jobs.filter((j) => !you.has(j.owner)).map((j) => j.id),
      now,
      'a fictional person',
    );
  }
  log.debug(
    { cycle: id, targets: opened.targets, submitted: spec.updates.length, closed: !!dates.closedAt },
    'Demo cycle loaded',
  );
  return id;
}
