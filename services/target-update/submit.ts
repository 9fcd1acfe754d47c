import { createHash } from 'node:crypto';
import { planEndOf } from '../measure/period';
import { ragReason } from '../answers/target-view';
import type { TargetEntry } from '../plan/snapshot';
import { Cycle, CycleTarget, Person, Plan, Priority, SignOff, Target, Update } from '../../models';
import { recordAudit, type AuditEntry } from '../audit/record';
import { isDuplicateKey } from '../../models/insert-new';
import type { Channel } from '../../models/rag';
import { londonDate } from '../cycle/working-days';
import { reportedText, type Reported } from '../answers/figures';
import { ukDateTime } from '../answers/format';
import type { NoticeView, SubmittedView, UpdateFormView, UpdateValues } from '../answers/views';
import type { Logger } from '../log/logger';
import { refreshLatest, snapshotOf } from '../plan/latest';
import type { Context } from '../sign-off/card';
import { startSignOff } from '../sign-off/request';
import { cycleClosedText, ownerNamed, updateForm } from './form';
import { mayUpdate } from './permission';
import { checkUpdate } from './validate';

export interface Submission {
  cycleId: string;
  targetId: string;
  /** From the platform's own record of who acted — never from the card's data. */
  personId?: string;
  channel: Exclude<Channel, 'import'>;
  values: UpdateValues;
}

export type SubmitResult =
  { ok: true; view: SubmittedView } | { ok: false; view: UpdateFormView | NoticeView };

const refuse = (text: string): SubmitResult => ({
  ok: false,
  view: { kind: 'notice', text, suggestions: [] },
});

/**
 * Records a target update submitted through a cycle's form. Every refusal changes nothing; a
 * double-clicked submit (same person, same values) is stored once, a changed one supersedes it.
 */
export async function submitUpdate(
  s: Submission,
  log: Logger,
  now: Date = new Date(),
): Promise<SubmitResult> {
  // Read together: a submit waits for one round trip, not four.
  const [cycle, target, asked, person] = await Promise.all([
    Cycle.findById(s.cycleId).lean(),
    Target.findById(s.targetId).lean(),
    CycleTarget.findById(`${s.cycleId}|${s.targetId}`, { _id: 1 }).lean(),
    s.personId ? Person.findById(s.personId).lean() : null,
  ]);
  if (!cycle) return refuse('That update form belongs to a monitoring cycle that no longer exists.');
  if (!target || target.plan !== cycle.plan || !asked)
    return refuse(
      `That target is not part of the monitoring cycle "${cycle.name}", so nothing was recorded.`,
    );
  if (cycle.status === 'closed')
    return refuse(`${cycleClosedText(cycle)} Ask the policy team if a figure needs correcting.`);

  if (!person || !mayUpdate({ _id: String(person._id), roles: person.roles }, target)) {
    log.warn(
      { person: s.personId, target: target._id, cycle: cycle._id },
      'Update refused: not owner, deputy or policy team',
    );
    return refuse(
      `Only the target's owner${await ownerNamed(target.owner)}, its deputy or the policy team can update it. Nothing was recorded.`,
    );
  }

  const [priority, plan] = await Promise.all([
    Priority.findById(`${target.plan}:${target.priority}`, { code: 1 }).lean(),
    Plan.findById(target.plan, { tolerance: 1, period: 1, signOff: 1 }).lean(),
  ]);
  const code = priority?.code ?? 'no code';
  const checked = checkUpdate(s.values, target, {
    today: londonDate(now),
    periodFrom: cycle.periodFrom,
    // The plan's Amber band where it sets one; the cycle's (a share, 0.05) where it does not.
    tolerance: plan?.tolerance ?? cycle.tolerance * 100,
    planEnd: plan ? planEndOf(plan) : undefined,
  });
  if (!checked.ok) {
    log.info(
      { person: person._id, target: target._id, errors: checked.errors },
      'Update form returned with errors',
    );
    return {
      ok: false,
      view: updateForm(
        cycle,
        target,
        code,
        `${cycle.name}: please correct the fields marked below.`,
        s.values,
        checked.errors,
      ),
    };
  }

  const u = checked.update;
  // A plan with a sign-off chain makes the figure provisional until its last step approves it.
  const chained = !!plan?.signOff?.length;
  // The same figure submitted again after a step returned it is a new update (the chain starts
  // again), while a double click on either submit still counts once: the id carries how many
  // times this target has been returned in this cycle.
  const returns = chained
    ? (await SignOff.find({ target: target._id, cycle: cycle._id, decision: 'returned' }, { _id: 1 }).lean())
        .length
    : 0;
  const content = JSON.stringify([
    person._id,
    u.value ?? null,
    u.text ?? null,
    u.asOf,
    u.rag,
    u.commentary ?? null,
    u.evidence ?? null,
    // Only when there is one: the ids of updates without a corrective action or a return stay as they were.
    ...(u.correctiveAction ? [u.correctiveAction] : []),
    ...(returns ? [`returned ${returns}`] : []),
  ]);
  const updateId = `${cycle._id}:${target.key}:${createHash('sha256').update(content).digest('hex').slice(0, 16)}`;
  const doc = {
    _id: updateId,
    plan: target.plan,
    target: target.key,
    value: u.value,
    text: u.text,
    asOf: u.asOf,
    rag: u.rag,
    commentary: u.commentary,
    evidence: u.evidence,
    by: person._id,
    at: now,
    channel: s.channel,
    cycle: cycle._id,
    suggestedRag: u.suggested,
    overrideReason: u.overrideReason,
    correctiveAction: u.correctiveAction,
  };
  const summary = reportedText(u, target);
  const view: SubmittedView = {
    kind: 'submitted',
    cycleName: cycle.name,
    code,
    targetText: target.text,
    summary,
    reason: ragReason({
      ...(target as TargetEntry),
      latest: { ...doc, update: doc._id },
      planTolerance: plan?.tolerance ?? undefined,
      planEnd: plan ? planEndOf(plan) : undefined,
    }),
    by: person.name,
    at: ukDateTime(now),
  };
  try {
    await Update.create(doc);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return { ok: true, view: { ...view, note: 'Already recorded — this submit counted once.' } };
  }
  // The update is stored and counted once from here on; what follows derives from it and touches
  // different documents, so it is written together.
  await Promise.all([
    refreshLatest(target.plan, [{ ...doc }], [target], chained ? 'provisional' : 'confirmed'),
    CycleTarget.updateOne(
      { _id: asked._id },
      { $set: { submitted: { update: updateId, by: person._id, at: now, rag: u.rag, channel: s.channel } } },
    ),
    recordAudit(
      updateAudit(target, snapshotOf({ ...doc }), summary, { at: now, by: person._id, channel: s.channel }),
    ),
    // The revision tells every running bot to refresh its snapshot, so "status of …" shows it.
    Plan.updateOne({ _id: target.plan }, { $inc: { revision: 1 } }),
  ]);
  log.info({ update: updateId, person: person._id, rag: u.rag }, 'Target update recorded');
  if (!chained || !plan) return { ok: true, view };
  const ctx: Context = {
    update: { ...doc },
    target,
    cycle,
    plan,
    code,
    byName: person.name,
  } as Context;
  return { ok: true, view: { ...view, note: await startSignOff(ctx, s.channel, now) } };
}

type Audited = { _id: string; key: string; plan: string; unit?: string | null; latest?: unknown };

/**
 * The audit rows of a recorded update: the target's latest figure before and after, and — when the
 * RAG reported is not the one the bot suggested — a `rag-override` row of its own with the reason,
 * so overrides can be read and counted apart from the figures.
 */
function updateAudit(
  target: Audited,
  after: Record<string, unknown>,
  summary: string,
  who: Pick<AuditEntry, 'at' | 'by' | 'channel'>,
): AuditEntry[] {
  const before = (target.latest ?? null) as (Reported & Record<string, unknown>) | null;
  const common = {
    ...who,
    action: 'change' as const,
    entity: 'targets',
    entityId: target._id,
    plan: target.plan,
  };
  const rows: AuditEntry[] = [
    {
      ...common,
      event: 'update',
      summary: `Update of ${target.key}: ${summary}${before?.asOf ? ` (was ${reportedText(before, target)})` : ''}`,
      before,
      after,
    },
  ];
  const { rag, suggestedRag, overrideReason } = after;
  if (suggestedRag && rag && rag !== suggestedRag)
    rows.push({
      ...common,
      event: 'rag-override',
      before: { rag: suggestedRag },
      after: { rag, overrideReason: overrideReason ?? null },
    });
  return rows;
}
