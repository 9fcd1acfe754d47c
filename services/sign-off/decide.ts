import { CycleTarget, Person, Plan, SignOff } from '../../models';
import { isDuplicateKey } from '../../models/insert-new';
import { anyOf } from '../../models/operators';
import type { Channel } from '../../models/rag';
import { ukDate, ukDateTime } from '../answers/format';
import { notice } from '../answers/notice';
import type { NoticeView, SignOffView, UpdateValues } from '../answers/views';
import { recordAudit } from '../audit/record';
import { londonDate } from '../cycle/working-days';
import { enqueue } from '../delivery/outbox';
import type { Logger } from '../log/logger';
import { refreshLatest } from '../plan/latest';
import { cycleClosedText, updateForm } from '../target-update/form';
import { mayAct } from './approvers';
import { contextOf, signOffView, stepWords, summaryOf, type Context } from './card';
import { signOffId, standingOf, type SignOffRow } from './ledger';
import { requestStep, stepActors } from './request';

/** The longest return comment: it is read in a chat message and kept with the decision. */
export const COMMENT_MAX = 1000;

export interface Decision {
  update: string;
  step: number;
  decision: 'approve' | 'return';
  comment?: string;
  /** From the platform's own record of who acted — never from the card's data. */
  personId?: string;
  channel: Exclude<Channel, 'import'>;
}

/** `ok`: the decision was recorded. Otherwise `view` says why not (or asks for a comment). */
export type DecisionResult = { ok: boolean; view: SignOffView | NoticeView };

const refuse = (text: string): DecisionResult => ({ ok: false, view: notice(text) });

/**
 * Approves or returns one step of an update's sign-off, for the person in that role (or their
 * cover while they are on leave). Refused, with the reason and nothing changed: an update that is
 * gone, superseded by a newer one, already returned or confirmed, in a closed cycle; a step not yet
 * reached; someone who may not act; the submitter themselves; a return without a comment. Approving
 * the same step twice counts once (the decision's `_id` is `${update}|${step}`).
 */
export async function decideSignOff(d: Decision, log: Logger, now: Date): Promise<DecisionResult> {
  const ctx = await contextOf(d.update);
  if (!ctx) return refuse('That update is no longer in the plan, so there is nothing to sign off.');
  const [rows, person] = await Promise.all([
    SignOff.find({ update: d.update }).lean() as Promise<SignOffRow[]>,
    d.personId ? Person.findById(d.personId, { name: 1 }).lean() : null,
  ]);
  const standing = standingOf(rows);
  const about = `${ctx.code} (${ctx.target.key}): ${summaryOf(ctx)}`;
  if (!standing)
    return refuse(`The update of ${about} does not need signing off: it counted when it was submitted.`);
  if (ctx.cycle?.status === 'closed')
    return refuse(
      `${cycleClosedText(ctx.cycle)} Sign-offs are no longer taken through it. Nothing was changed.`,
    );
  if (ctx.target.latest?.update !== d.update)
    return refuse(
      `A newer update of ${ctx.target.key} has been submitted since this one (${about}), so this one is no longer signed off. Nothing was changed.`,
    );
  const names = await namesOf(rows);
  if (standing.returned)
    return refuse(
      `The update of ${about} was returned to its owner by ${names(standing.returned.by)} on ${ukDate(standing.returned.at)}; it comes back for sign-off when it is submitted again. Nothing was changed.`,
    );
  const earlier = standing.approved.find((r) => r.step === d.step);
  if (earlier)
    return refuse(
      `Already approved: ${stepWords(ctx, d.step, standing.steps)} was approved by ${names(earlier.by)} at ${ukDateTime(earlier.at)} — it counts once.`,
    );
  if (standing.status === 'confirmed') return refuse(`The update of ${about} is already confirmed.`);
  const next = standing.approved.length + 1;
  if (!Number.isInteger(d.step) || d.step !== next)
    return refuse(
      `That sign-off step is not the one waiting: the update of ${about} is at ${stepWords(ctx, next, standing.steps)}. Nothing was changed.`,
    );

  const actors = await stepActors(ctx, d.step, londonDate(now));
  if (!person || !mayAct(actors, String(person._id))) {
    log.warn({ person: d.personId, update: d.update, step: d.step }, 'Sign-off refused: not the approver');
    return refuse(
      `Only ${actors.named}${actors.covers.size ? ', or whoever covers for them on leave,' : ''} can sign off ${stepWords(ctx, d.step, standing.steps)} of this update. Nothing was changed.`,
    );
  }
  const me = String(person._id);
  if (me === ctx.update.by)
    return refuse('You submitted this update, so someone else must sign it off. Nothing was changed.');
  const comment = (d.comment ?? '').trim();
  const header = `${ctx.cycle?.name ?? 'Target update'}: ${stepWords(ctx, d.step, standing.steps)}`;
  if (d.decision === 'return' && (!comment || comment.length > COMMENT_MAX))
    return {
      ok: false,
      view: signOffView(ctx, d.step, `${header}.`, {
        comment: d.comment ?? '',
        error: comment
          ? `Keep the comment under ${COMMENT_MAX.toLocaleString('en-GB')} characters (it is ${comment.length.toLocaleString('en-GB')}).`
          : 'Say why you are returning it: the comment goes to the owner with the form.',
      }),
    };

  const row = {
    _id: signOffId(d.update, d.step),
    update: d.update,
    plan: ctx.update.plan,
    target: ctx.target._id,
    cycle: ctx.update.cycle ?? undefined,
    step: d.step,
    decision: d.decision === 'approve' ? ('approved' as const) : ('returned' as const),
    ...(comment && d.decision === 'return' ? { comment } : {}),
    by: me,
    at: now,
    channel: d.channel,
  };
  try {
    await SignOff.create(row);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // Someone decided this step a moment ago (a double click, or a colleague in the same role).
    const first = (await SignOff.findById(row._id).lean()) as SignOffRow | null;
    return refuse(
      `Already ${first?.decision ?? 'decided'}: ${stepWords(ctx, d.step, standing.steps)} was decided by ${first ? names(first.by) : 'someone'} — it counts once.`,
    );
  }
  const last = d.decision === 'approve' && d.step >= standing.steps;
  const said =
    d.decision === 'return'
      ? `returned at ${stepWords(ctx, d.step, standing.steps)}: "${comment}"`
      : last
        ? `approved at ${stepWords(ctx, d.step, standing.steps)}: the figure is confirmed`
        : `approved at ${stepWords(ctx, d.step, standing.steps)}`;
  await recordAudit({
    at: now,
    by: me,
    channel: d.channel,
    action: 'create',
    entity: 'signoffs',
    entityId: row._id,
    plan: ctx.update.plan,
    event: 'sign-off',
    summary: `Update of ${ctx.target.key} (${summaryOf(ctx)}) ${said}`,
    after: { update: d.update, step: d.step, decision: row.decision, comment: comment || null },
  });
  let decided = `${d.decision === 'approve' ? 'Approved' : 'Returned'} by ${person.name} at ${ukDateTime(now)}`;
  if (d.decision === 'return') {
    await returned(ctx, d.step, standing.steps, person.name, comment, now);
    decided += `: "${comment}". The owner has been sent it with the form to submit again.`;
  } else if (last) {
    await confirmed(ctx, now);
    decided += '. The figure is now confirmed.';
  } else {
    const following = await requestStep(ctx, d.step + 1, standing.steps, now);
    decided += `. Next: ${stepWords(ctx, d.step + 1, standing.steps)} (${following.named}).`;
  }
  log.info({ update: d.update, step: d.step, decision: row.decision, by: me }, 'Sign-off recorded');
  const outcome = d.decision === 'return' ? 'returned' : last ? 'confirmed' : 'approved';
  return { ok: true, view: signOffView(ctx, d.step, `${header}.`, { decided, outcome: outcome }) };
}

/** Person ids → names, for the people in an update's rows. */
async function namesOf(rows: readonly SignOffRow[]): Promise<(id: string) => string> {
  const ids = [...new Set(rows.map((r) => r.by))];
  const people = await Person.find({ _id: anyOf(ids) }, { name: 1 }).lean();
  const byId = new Map(people.map((p) => [String(p._id), p.name]));
  return (id) => byId.get(id) ?? id;
}

/** The last step approved: the figure counts (`latest.status` confirmed, and `confirmed` if newest). */
async function confirmed(ctx: Context, now: Date): Promise<void> {
  await refreshLatest(ctx.update.plan, [{ ...ctx.update }], undefined, 'confirmed');
  await Plan.updateOne({ _id: ctx.update.plan }, { $inc: { revision: 1 } });
  const to = ctx.update.by;
  if (to)
    await enqueue(
      [
        {
          id: `signoff:${ctx.update._id}|confirmed>${to}`,
          batch: `signoff:${ctx.update._id}`,
          person: to,
          message: notice(
            `Your update of ${ctx.code} (${ctx.target.key}) is signed off: ${summaryOf(ctx)} is now the confirmed figure.`,
            [`status of ${ctx.code}`],
          ),
        },
      ],
      now,
    );
}

/**
 * A step returned it: the figure is marked returned, the cycle counts the target as not yet
 * reported, and the owner (and whoever submitted, if not them) gets the comment with the update
 * form, filled with what was submitted, to correct and submit again — which starts the chain again.
 */
async function returned(
  ctx: Context,
  step: number,
  steps: number,
  byName: string,
  comment: string,
  now: Date,
): Promise<void> {
  await refreshLatest(ctx.update.plan, [{ ...ctx.update }], undefined, 'returned');
  await Plan.updateOne({ _id: ctx.update.plan }, { $inc: { revision: 1 } });
  if (ctx.update.cycle)
    await CycleTarget.updateOne(
      { _id: `${ctx.update.cycle}|${ctx.target._id}` },
      { $unset: { submitted: 1 } },
    );
  const cycle = ctx.cycle;
  if (!cycle) return;
  const header = `${cycle.name}: your update was returned by ${byName} (${stepWords(ctx, step, steps)}): "${comment}" Please correct it and submit again; sign-off starts again.`;
  const form = updateForm({ ...cycle, dueOn: cycle.dueOn }, ctx.target, ctx.code, header, valuesOf(ctx));
  const to = [...new Set([ctx.update.by, ctx.target.owner].filter((p): p is string => !!p))];
  await enqueue(
    to.map((person) => ({
      id: `signoff:${signOffId(ctx.update._id, step)}|returned>${person}`,
      batch: `signoff:${ctx.update._id}`,
      person,
      message: form,
    })),
    now,
  );
}

/** The update's own values, as its form shows them, to correct and submit again. */
export function valuesOf(ctx: {
  update: Partial<
    Record<'text' | 'rag' | 'commentary' | 'evidence' | 'overrideReason' | 'correctiveAction', string | null>
  > & {
    value?: number | null;
    asOf: string;
  };
}): UpdateValues {
  const u = ctx.update;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return Object.fromEntries(
    Object.entries({
      value: typeof u.value === 'number' ? String(u.value) : text(u.text),
      asOf: u.asOf,
      rag: text(u.rag),
      commentary: text(u.commentary),
      evidence: text(u.evidence),
      overrideReason: text(u.overrideReason),
      correctiveAction: text(u.correctiveAction),
    }).filter(([, v]) => v !== undefined),
  );
}
