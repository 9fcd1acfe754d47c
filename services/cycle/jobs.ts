import { Cycle, CycleTarget, Person, Priority, Target } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import type { PersonDoc } from '../../models/person';
import { anyOf } from '../../models/operators';
import { ukDate } from '../answers/format';
import { scoped } from '../plan/documents';
import { enqueue, type Outgoing } from '../delivery/outbox';
import type { JobHandler } from '../scheduling/scheduler';
import { reminderHeader, requestHeader, updateForm } from '../target-update/form';
import { deadlineJob } from './committee';
import { londonDate } from './working-days';

type Cycle = CycleDoc & { _id: string };

/**
 * The targets an owner has still to report in a cycle. Every read is by the owner's rows (index
 * `{cycle, owner}`) or by `_id`, so its cost follows the owner's targets, not the cycle's or the
 * plan's size (bench/scaling: on the embedded database a read of the whole cycle cost ≈ 50 µs a row).
 */
async function outstanding(cycle: Cycle, owner: string) {
  const rows = await CycleTarget.find({ cycle: cycle._id, owner }).lean();
  const ids = rows.filter((r) => r.owner === owner && !r.submitted).map((r) => r.target);
  if (ids.length === 0) return [];
  const targets = await Target.find({ _id: anyOf(ids) })
    .sort({ order: 1 })
    .lean();
  const keys = [...new Set(targets.map((t) => scoped(cycle.plan, t.priority)))];
  const priorities = await Priority.find({ _id: anyOf(keys) }, { key: 1, code: 1 }).lean();
  const codeOf = new Map(priorities.map((p) => [p.key, p.code ?? 'no code']));
  return targets.map((t) => ({ target: t, code: codeOf.get(t.priority) ?? 'no code' }));
}

export const policyTeam = async () =>
  (await Person.find({ roles: 'policy' }, { _id: 1, name: 1 }).lean()).map((p) => String(p._id));

/** A notice to the policy team about a cycle, with what they can do next from it. */
const policyNotice = (text: string, cycle: Cycle) => ({
  kind: 'notice' as const,
  text,
  suggestions: [`cycle status ${cycle.name}`, `remind outstanding for ${cycle.name}`],
});

/**
 * Targets as one sentence's list: "ED.1 — To raise attainment (BV 38); EN.1 — …". Each text's
 * own full stop is dropped, so the sentence ends with one full stop, not "..".
 */
const targetList = (items: { code: string; text: string }[]) =>
  items.map((t) => `${t.code} — ${withoutFullStop(t.text)}`).join('; ');
const withoutFullStop = (text: string) => {
  const trimmed = text.trim();
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
};

/** The clock every cycle job queues by: the one the bot was given, as its scheduler and outbox are. */
interface CycleJobDeps {
  now: () => Date;
}

/**
 * Sends an owner's update forms (request or reminder) — to the deputy of each target while the
 * owner is on leave, and to the policy team where a target has no deputy. Queued under keys made
 * from the job id, so a repeated run queues nothing new.
 */
function formsJob(header: (cycle: Cycle, today: string) => string, deps: CycleJobDeps): JobHandler {
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
    const uncovered: { code: string; text: string }[] = [];
    // The words fit the day it goes out: a reminder run after the due date says overdue.
    const sentOn = londonDate(deps.now());
    for (const { target, code } of due) {
      const to = away ? target.deputy : owner;
      if (!to) {
        uncovered.push({ code, text: target.text });
        continue;
      }
      const why = away
        ? ` (${person?.name ?? owner} is away until ${ukDate(person?.awayUntil ?? today)}; you are the deputy)`
        : '';
      messages.push({
        id: `${job.id}>${to}>${target._id}`,
        batch: job.id,
        person: to,
        message: updateForm(cycle, target, code, `${header(cycle, sentOn)}${why}`),
      });
    }
    if (uncovered.length) {
      const text = `${person?.name ?? owner} is away until ${ukDate(person?.awayUntil ?? today)} and these targets in "${cycle.name}" have no deputy: ${targetList(uncovered)}. Please arrange cover.`;
      for (const member of await policyTeam())
        messages.push({
          id: `${job.id}>${member}>no-deputy`,
          batch: job.id,
          person: member,
          message: policyNotice(text, cycle),
        });
    }
    const { queued, unreachable } = await enqueue(messages, deps.now());
    return `queued ${queued}${unreachable.length ? `; unreachable: ${unreachable.join(', ')}` : ''}`;
  };
}

/** The working day after the due date: tell the owner's line manager and the policy team. */
const escalationJob =
  (deps: CycleJobDeps): JobHandler =>
  async (payload, job) => {
    const cycle = (await Cycle.findById(String(payload.cycle)).lean()) as Cycle | null;
    if (!cycle || cycle.status === 'closed') return 'cycle closed or gone';
    const owner = String(payload.owner);
    const due = await outstanding(cycle, owner);
    if (due.length === 0) return 'nothing outstanding';
    const person = await Person.findById(owner).lean();
    const text =
      `Escalation: ${person?.name ?? owner} has not reported ${due.length} target${due.length > 1 ? 's' : ''} in "${cycle.name}", ` +
      `due ${ukDate(cycle.dueOn)}: ${targetList(due.map((d) => ({ code: d.code, text: d.target.text })))}.`;
    const policy = await policyTeam();
    const recipients = new Set([...(person?.lineManager ? [person.lineManager] : []), ...policy]);
    // The policy team can see the cycle's status and remind; a line manager (not in the policy
    // team, so refused those) can open the priorities behind the late targets.
    const manager = {
      kind: 'notice' as const,
      text,
      suggestions: [...new Set(due.map((d) => d.code))]
        .filter((c) => c !== 'no code')
        .slice(0, 3)
        .map((c) => `status of ${c}`),
    };
    const { queued, unreachable } = await enqueue(
      [...recipients].map((r) => ({
        id: `${job.id}>${r}`,
        batch: job.id,
        person: r,
        message: policy.includes(r) ? policyNotice(text, cycle) : manager,
      })),
      deps.now(),
    );
    return `queued ${queued}${unreachable.length ? `; unreachable: ${unreachable.join(', ')}` : ''}`;
  };

/**
 * A monitoring cycle's jobs. What they queue is due at `deps.now()` — the bot's clock, not the
 * machine's — so the outbox, which compares with the same clock, sends it on its next round.
 */
export function cycleJobs(deps: CycleJobDeps): Record<string, JobHandler> {
  return {
    'cycle-request': formsJob(requestHeader, deps),
    'cycle-reminder': formsJob(reminderHeader, deps),
    'cycle-escalation': escalationJob(deps),
    'cycle-deadline': deadlineJob({ now: deps.now, policyTeam }),
  };
}
