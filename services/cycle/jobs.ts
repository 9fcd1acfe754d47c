import { Cycle, CycleTarget, Person, Priority, Target } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import type { PersonDoc } from '../../models/person';
import { anyOf } from '../../models/operators';
import { ukDate } from '../answers/format';
import { enqueue, type Outgoing } from '../delivery/outbox';
import type { JobHandler } from '../scheduling/scheduler';
import { requestHeader, updateForm } from '../target-update/form';
import { londonDate } from './working-days';

type Cycle = CycleDoc & { _id: string };

/** The targets an owner has still to report in a cycle. */
async function outstanding(cycle: Cycle, owner: string) {
  const rows = await CycleTarget.find({ cycle: cycle._id }).lean();
  const ids = rows.filter((r) => r.owner === owner && !r.submitted).map((r) => r.target);
  if (ids.length === 0) return [];
  const targets = await Target.find({ _id: anyOf(ids) })
    .sort({ order: 1 })
    .lean();
  const priorities = await Priority.find({ plan: cycle.plan }, { key: 1, code: 1 }).lean();
  const codeOf = new Map(priorities.map((p) => [p.key, p.code ?? 'no code']));
  return targets.map((t) => ({ target: t, code: codeOf.get(t.priority) ?? 'no code' }));
}

export const policyTeam = async () =>
  (await Person.find({ roles: 'policy' }, { _id: 1, name: 1 }).lean()).map((p) => String(p._id));

const notice = (text: string) => ({ kind: 'notice' as const, text, suggestions: ['my targets'] });

/**
 * Sends an owner's update forms (request or reminder) — to the deputy of each target while the
 * owner is on leave, and to the policy team where a target has no deputy. Queued under keys made
 * from the job id, so a repeated run queues nothing new.
 */
function formsJob(header: (cycle: Cycle) => string): JobHandler {
  return async (payload, job) => {
    const cycle = (await Cycle.findById(String(payload.cycle)).lean()) as Cycle | null;
    if (!cycle || cycle.status === 'closed') return 'cycle closed or gone';
    const owner = String(payload.owner);
    const due = await outstanding(cycle, owner);
    if (due.length === 0) return 'nothing outstanding';
    const person = (await Person.findById(owner).lean()) as (PersonDoc & { _id: string }) | null;
    const today = londonDate(job.at);
    const away = !!person?.awayUntil && person.awayUntil >= today;
    const messages: Outgoing[] = [];
    const uncovered: string[] = [];
    for (const { target, code } of due) {
      const to = away ? target.deputy : owner;
      if (!to) {
        uncovered.push(`${code} — ${target.text}`);
        continue;
      }
      const why = away
        ? ` (${person?.name ?? owner} is away until ${ukDate(person?.awayUntil ?? today)}; you are the deputy)`
        : '';
      messages.push({
        id: `${job.id}>${to}>${target._id}`,
        batch: job.id,
        person: to,
        message: updateForm(cycle, target, code, `${header(cycle)}${why}`),
      });
    }
    if (uncovered.length) {
      const text = `${person?.name ?? owner} is away until ${ukDate(person?.awayUntil ?? today)} and these targets in "${cycle.name}" have no deputy: ${uncovered.join('; ')}. Please arrange cover.`;
      for (const member of await policyTeam())
        messages.push({
          id: `${job.id}>${member}>no-deputy`,
          batch: job.id,
          person: member,
          message: notice(text),
        });
    }
    const { queued, unreachable } = await enqueue(messages, new Date());
    return `queued ${queued}${unreachable.length ? `; unreachable: ${unreachable.join(', ')}` : ''}`;
  };
}

/** The working day after the due date: tell the owner's line manager and the policy team. */
const escalationJob: JobHandler = async (payload, job) => {
  const cycle = (await Cycle.findById(String(payload.cycle)).lean()) as Cycle | null;
  if (!cycle || cycle.status === 'closed') return 'cycle closed or gone';
  const owner = String(payload.owner);
  const due = await outstanding(cycle, owner);
  if (due.length === 0) return 'nothing outstanding';
  const person = await Person.findById(owner).lean();
  const text =
    `Escalation: ${person?.name ?? owner} has not reported ${due.length} target${due.length > 1 ? 's' : ''} in "${cycle.name}", ` +
    `due ${ukDate(cycle.dueOn)}: ${due.map((d) => `${d.code} — ${d.target.text}`).join('; ')}.`;
  const recipients = new Set([...(person?.lineManager ? [person.lineManager] : []), ...(await policyTeam())]);
  const { queued, unreachable } = await enqueue(
    [...recipients].map((r) => ({ id: `${job.id}>${r}`, batch: job.id, person: r, message: notice(text) })),
    new Date(),
  );
  return `queued ${queued}${unreachable.length ? `; unreachable: ${unreachable.join(', ')}` : ''}`;
};

export const cycleJobs: Record<string, JobHandler> = {
  'cycle-request': formsJob(requestHeader),
  'cycle-reminder': formsJob(
    (c) => `Reminder — ${c.name}: this target's update is due by ${ukDate(c.dueOn)}.`,
  ),
  'cycle-escalation': escalationJob,
};
