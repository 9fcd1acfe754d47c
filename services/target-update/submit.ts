import { createHash } from 'node:crypto';
import { planEndOf } from '../measure/period';
import { ragReason } from '../answers/target-view';
import type { TargetEntry } from '../plan/snapshot';
import { SignOff } from '../../models';
import type { AuditEntry } from '../audit/record';
import type { Channel } from '../../models/rag';
import { londonDate } from '../cycle/working-days';
import { reportedText, type Reported } from '../answers/figures';
import { ukDateTime } from '../answers/format';
import type { NoticeView, SubmittedView, UpdateFormView, UpdateValues } from '../answers/views';
import type { Logger } from '../log/logger';
import { latestChanges, snapshotOf } from '../plan/latest';
import type { Context } from '../sign-off/card';
import { startSignOff } from '../sign-off/request';
import { cycleClosedText, ownerNamed, updateForm } from './form';
import { mayUpdate } from './permission';
import {
  readAsked,
  readCycle,
  readPerson,
  readPlan,
  readPriority,
  readTarget,
  storeUpdate,
  writeAfterUpdate,
} from './store';
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
  // Read together, and with the other submissions in flight (store.ts): one round trip, not five.
  // A target's `_id` starts with its plan's (`plan:key`; plan ids have no colon), so its plan is
  // read alongside, and again only if the target turns out to belong to another.
  const [cycle, target, asked, person, planByPrefix] = await Promise.all([
    readCycle(s.cycleId),
    readTarget(s.targetId),
    readAsked(`${s.cycleId}|${s.targetId}`),
    s.personId ? readPerson(s.personId) : null,
    readPlan(s.targetId.slice(0, Math.max(0, s.targetId.indexOf(':')))),
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

  const plan = planByPrefix?._id === target.plan ? planByPrefix : await readPlan(target.plan);
  // Only shown (the card names the priority): read while the update is checked and stored.
  const code = readPriority(`${target.plan}:${target.priority}`).then((p) => p?.code ?? 'no code');
  // Awaited on every path that goes on; this only keeps a failed read from going unhandled meanwhile.
  code.catch(() => undefined);
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
        await code,
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
  const [stored, shownCode] = await Promise.all([storeUpdate(doc), code]);
  const view: SubmittedView = {
    kind: 'submitted',
    cycleName: cycle.name,
    code: shownCode,
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
  if (!stored) return { ok: true, view: { ...view, note: 'Already recorded — this submit counted once.' } };
  // The update is stored and counted once from here on; what follows derives from it.
  const [latest] = latestChanges(target.plan, [{ ...doc }], [target], chained ? 'provisional' : 'confirmed');
  await writeAfterUpdate({
    plan: target.plan,
    latest: latest as NonNullable<typeof latest>,
    asked: {
      _id: String(asked._id),
      submitted: { update: updateId, by: person._id, at: now, rag: u.rag, channel: s.channel },
    },
    audit: updateAudit(target, snapshotOf({ ...doc }), summary, {
      at: now,
      by: person._id,
      channel: s.channel,
    }),
  });
  log.info({ update: updateId, person: person._id, rag: u.rag }, 'Target update recorded');
  if (!chained || !plan) return { ok: true, view };
  const ctx: Context = {
    update: { ...doc },
    target,
    cycle,
    plan,
    code: shownCode,
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
