import { Person, Plan, Target } from '../../models';
import type { PersonDoc } from '../../models/person';
import { anyOf } from '../../models/operators';
import type { Asker } from '../answers/answer';
import { ukDate } from '../answers/format';
import type { CommandIntent } from '../answers/intent';
import type { View } from '../answers/views';
import type { BroadcastFormDeps } from '../broadcast/broadcast';
import { closeCycle } from '../cycle/close';
import { runBroadcastCommand } from './broadcast-commands';
import { cycleStatus, findCycle, remindOutstanding } from '../cycle/status';
import { londonDate } from '../cycle/working-days';
import type { Logger } from '../log/logger';
import type { PlanSnapshot } from '../plan/snapshot';
import { recordAudit } from '../audit/record';
import { auditTrail } from '../audit/trail';
import type { Platform } from '../delivery/sender';
import { parseAway } from '../target-update/leave';
import { myTargets, updateOnDemand } from '../target-update/on-demand';
import { isPolicy } from '../target-update/permission';
import { historyOf } from '../answers/history';
import { whoContributes } from '../line-of-sight/down';
import { lineOfSight } from '../line-of-sight/mine';
import { teamTargets } from '../line-of-sight/team';
import { notice } from '../answers/notice';
import { whichPlan } from '../answers/plans';
import { pendingSignOffs, signOffCard } from '../sign-off/pending';
import { performanceReport, reportOnClose } from '../report/command';
import { riskInFull, risksFor, topRisks } from '../risk/read';
import { FORM_DOES } from '../forms/fields';
import { openPolicyForm } from '../forms/open-form';

export interface CommandContext {
  asker: Asker;
  plan: PlanSnapshot;
  now: Date;
  log: Logger;
  /** The channel the command came through: its changes are audited as made there. */
  channel: Platform;
  broadcast?: BroadcastFormDeps;
  /** "more: … @8": the list from this item (0-based), a page at a time. */
  offset?: number;
}

const UNKNOWN_CANT: Partial<Record<CommandIntent['kind'], string>> = {
  myTargets: 'list your targets',
  update: 'open an update form for you',
  audit: 'show you the audit trail',
  signOffs: 'list what waits for your sign-off',
  signOffCard: 'show you that sign-off',
  performanceReport: 'make the performance report',
  lineOfSight: 'show what your work contributes to',
  teamTargets: "list your team's targets",
};

/** Commands that act on the plan's people and cycles. Permission checks fail closed. */
export async function runCommand(intent: CommandIntent, ctx: CommandContext): Promise<View> {
  // Anyone may read a target's history: it is the plan's, like its status.
  if (intent.kind === 'history') return historyOf(intent.code, ctx.plan, ctx.broadcast?.links);
  // …and who contributes to an item: the plans' links, read from the snapshot (services/line-of-sight).
  if (intent.kind === 'contributors') return whoContributes(intent.code, ctx.plan, intent.plan, ctx.offset);
  // …and its risk register (services/risk/read.ts), with the matrix picture signed by `links`.
  if (intent.kind === 'risks')
    return intent.about
      ? risksFor(intent.about, ctx.plan, intent.plan, ctx.broadcast?.links)
      : topRisks(ctx.plan, intent.plan, ctx.broadcast?.links);
  if (intent.kind === 'risk') return riskInFull(intent.id, ctx.plan, intent.plan);
  const person = ctx.asker.personId
    ? ((await Person.findById(ctx.asker.personId).lean()) as (PersonDoc & { _id: string }) | null)
    : null;
  if (!person)
    return notice(
      `I don't know which person in the plan you are yet, so I can't ${UNKNOWN_CANT[intent.kind] ?? 'do that'}. Ask the policy team to add your Teams or Slack account to the plan.`,
    );
  const policy = isPolicy(person);
  switch (intent.kind) {
    case 'signOffs':
      return pendingSignOffs(person._id, ctx.now);
    case 'signOffCard':
      return signOffCard(intent.update, person._id, ctx.now);
    case 'myTargets':
      return myTargets(ctx.plan, person, ctx.offset);
    case 'lineOfSight':
      return lineOfSight(ctx.plan, person, ctx.offset);
    case 'teamTargets':
      return teamTargets(ctx.plan, person._id, ctx.offset);
    case 'update':
      return updateOnDemand(intent.code, ctx.plan, person, ctx.now);
    case 'leave':
      return leave(person, intent.text, ctx);
    case 'cycleStatus': {
      if (!policy) return refuse('see cycle status', person, ctx);
      const cycle = await findCycle(intent.cycle);
      if (!cycle)
        return notice(
          intent.cycle
            ? `There is no monitoring cycle called "${intent.cycle}".`
            : 'No monitoring cycle has been opened yet.',
        );
      return cycleStatus(cycle, ctx.plan, ctx.now);
    }
    case 'remindOutstanding': {
      if (!policy) return refuse('send reminders', person, ctx);
      const cycle = await findCycle(intent.cycle);
      if (!cycle || cycle.status !== 'open')
        return notice('There is no open monitoring cycle to remind people about.');
      const owners = await remindOutstanding(cycle, ctx.now);
      return notice(
        owners
          ? `Reminding ${owners} owner${owners > 1 ? 's' : ''} with updates outstanding in "${cycle.name}" now. Anyone already reminded today is not reminded again.`
          : `Nobody has anything outstanding in "${cycle.name}".`,
        ['cycle status'],
      );
    }
    case 'closeCycle': {
      if (!policy) return refuse('close a monitoring cycle', person, ctx);
      // Closing cannot be undone from chat, so the cycle must be named, not guessed.
      if (!intent.cycle) return notice('Say which cycle to close: "close cycle Q3 2026/27".');
      const cycle = await findCycle(intent.cycle);
      if (!cycle) return notice(`There is no monitoring cycle called "${intent.cycle}".`);
      const closed = await closeCycle(cycle, person._id, ctx.channel, ctx.now);
      if (!closed.changed) return notice(`"${cycle.name}" already closed on ${ukDate(closed.closedOn)}.`);
      ctx.log.info({ cycle: cycle._id, by: person._id }, 'Cycle closed');
      // The closing reply is the cycle's performance report, also sent to the rest of the policy team.
      return reportOnClose(
        { ...cycle, status: 'closed', closedOn: closed.closedOn },
        {
          closer: person._id,
          note: `Closed "${cycle.name}" on ${ukDate(closed.closedOn)} with ${closed.submitted} of ${closed.targets} targets updated. Its forms no longer take updates and no more reminders go out.`,
          links: ctx.broadcast?.links,
          now: ctx.now,
          log: ctx.log,
        },
      );
    }
    case 'performanceReport':
      if (!policy) return refuse('make the performance report', person, ctx);
      return performanceReport(
        { cycle: intent.cycle, draft: intent.draft, plan: intent.plan },
        ctx.broadcast?.links,
        ctx.now,
      );
    case 'broadcast':
      if (!policy) return refuse('manage consultations, workshops and broadcasts', person, ctx);
      if (!ctx.broadcast) return notice('Broadcasts are not available here.');
      return runBroadcastCommand(intent.action, intent.name, person._id, ctx.broadcast);
    case 'assign':
      if (!policy) return refuse('assign targets', person, ctx);
      return assign(intent, person._id, ctx);
    case 'audit':
      if (!policy) return refuse('read the audit trail', person, ctx);
      return auditTrail(intent, ctx.plan, ctx.now, ctx.offset);
    case 'policyForm':
      if (!policy) return refuse(FORM_DOES[intent.form], person, ctx);
      return openPolicyForm(intent, ctx.plan, person._id);
  }
}

function refuse(what: string, person: { _id: string }, ctx: CommandContext): View {
  ctx.log.warn({ person: person._id, what }, 'Command refused: policy team only');
  return notice(`Only the policy team can ${what}.`);
}

async function leave(person: PersonDoc & { _id: string }, text: string, ctx: CommandContext): Promise<View> {
  const parsed = parseAway(text, londonDate(ctx.now));
  if (!parsed) return notice('Tell me "I\'m away until 3 January" or "I\'m back".');
  if (parsed.kind === 'unclear') return notice(parsed.message);
  const until = parsed.kind === 'back' ? undefined : parsed.until;
  const was = person.awayUntil ?? undefined;
  if (until !== was) {
    await Person.updateOne(
      { _id: person._id },
      until ? { $set: { awayUntil: until } } : { $unset: { awayUntil: 1 } },
    );
    await recordAudit({
      at: ctx.now,
      by: person._id,
      channel: ctx.channel,
      action: 'change',
      entity: 'people',
      entityId: person._id,
      event: 'leave',
      before: { awayUntil: was ?? null },
      after: { awayUntil: until ?? null },
    });
  }
  if (parsed.kind === 'back')
    return notice('Welcome back — update requests and reminders come to you again.');
  ctx.log.info({ person: person._id, until: parsed.until }, 'Leave recorded');
  return notice(
    `Noted: you are away until ${ukDate(parsed.until)}. Until then, update requests and reminders for your targets go to their deputies (or the policy team where there is none).`,
  );
}

async function assign(
  intent: Extract<CommandIntent, { kind: 'assign' }>,
  by: string,
  ctx: CommandContext,
): Promise<View> {
  const email = intent.email.toLowerCase();
  const to = await Person.findById(email, { name: 1 }).lean();
  if (!to) return notice(`${email} is not in the plan's people. Add them through a plan import first.`);
  // A code two plans share is assigned in the plan named ("assign ED.1 to … in York"), never guessed.
  const shared = ctx.plan.prioritiesByCode(intent.code);
  if (!intent.plan && shared.length > 1)
    return whichPlan(
      shared[0]?.code ?? intent.code.toUpperCase(),
      `assign ${intent.code} ${intent.role} to ${intent.email}`,
      shared.map((p) => p.plan),
      ctx.plan,
    );
  const priority = ctx.plan.priorityByCode(intent.code, intent.plan);
  const targets = priority
    ? priority.targets
    : ctx.plan.priorities.flatMap((p) => p.targets).filter((t) => t.key.toLowerCase() === intent.code);
  if (!targets.length)
    return notice(`I couldn't find a priority or target called ${intent.code.toUpperCase()}.`);
  const ids = targets.map((t) => t._id);
  // Before values from the database, not the snapshot (which may be a moment old): the audit says
  // exactly what each target held, and a target that already names them is not a change.
  const stored = await Target.find({ _id: anyOf(ids) }, { owner: 1, deputy: 1, plan: 1 }).lean();
  const changing = stored.filter((t) => (t[intent.role] ?? undefined) !== email);
  await Target.updateMany({ _id: anyOf(ids) }, { $set: { [intent.role]: email } });
  await recordAudit(
    changing.map((t) => ({
      at: ctx.now,
      by,
      channel: ctx.channel,
      action: 'change' as const,
      entity: 'targets',
      entityId: t._id,
      plan: t.plan,
      event: 'assign' as const,
      before: { [intent.role]: t[intent.role] ?? null },
      after: { [intent.role]: email },
    })),
  );
  await Plan.updateMany({ _id: anyOf([...new Set(targets.map((t) => t.plan))]) }, { $inc: { revision: 1 } });
  return notice(
    `${to.name} is now ${intent.role} of ${targets.length} target${targets.length > 1 ? 's' : ''} (${priority?.code ?? intent.code}).`,
  );
}
