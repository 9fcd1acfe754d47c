import { SignOff, Target } from '../../models';
import { notice } from '../answers/notice';
import type { ListView, NoticeView, SignOffView } from '../answers/views';
import { londonDate } from '../cycle/working-days';
import { mayAct } from './approvers';
import { contextOf, signOffView, stepWords, summaryOf } from './card';
import { standingOf, standings, type SignOffRow } from './ledger';
import { stepActors } from './request';

/** Pending sign-offs listed at most, newest first: more is a backlog for the policy team to chase. */
const PENDING_MAX = 25;

/**
 * "pending sign-offs": the updates waiting for this person's sign-off now — theirs by role, or
 * because they cover for an approver on leave — each with a button that brings up its card.
 */
export async function pendingSignOffs(
  personId: string | undefined,
  now: Date,
): Promise<ListView | NoticeView> {
  if (!personId)
    return notice("I don't know who you are yet: ask the policy team to add you to the plan's people.");
  const today = londonDate(now);
  const waiting = await Target.find({ 'latest.status': 'provisional' }, { latest: 1 }).lean();
  const ids = waiting.map((t) => String(t.latest?.update));
  const standingOf = await standings(ids);
  const items: ListView['items'] = [];
  for (const id of ids) {
    const standing = standingOf.get(id);
    if (!standing || standing.status !== 'provisional') continue;
    const ctx = await contextOf(id);
    if (!ctx || ctx.cycle?.status === 'closed' || ctx.update.by === personId) continue;
    const step = standing.approved.length + 1;
    if (!mayAct(await stepActors(ctx, step, today), personId)) continue;
    items.push({
      code: ctx.code,
      title: ctx.target.text,
      detail: `${summaryOf(ctx)} — submitted by ${ctx.byName}; ${stepWords(ctx, step, standing.steps)}`,
      rag: ctx.update.rag ?? undefined,
      open: { label: 'Sign off', ask: `sign off ${id}` },
    });
    if (items.length >= PENDING_MAX) break;
  }
  if (items.length === 0) return notice('Nothing is waiting for your sign-off.', ['my targets']);
  return {
    kind: 'list',
    title: `Waiting for your sign-off: ${items.length === 1 ? '1 update' : `${items.length} updates`}`,
    intro: 'Press "Sign off" to see an update and approve it or return it with a comment.',
    items,
  };
}

/** "sign off <update>": the card to act on, for someone who may act on it now; otherwise why not. */
export async function signOffCard(
  updateId: string,
  personId: string | undefined,
  now: Date,
): Promise<SignOffView | NoticeView> {
  const ctx = await contextOf(updateId);
  if (!ctx) return notice('That update is no longer in the plan.', ['pending sign-offs']);
  const standing = standingOf((await SignOff.find({ update: updateId }).lean()) as SignOffRow[]);
  if (
    !standing ||
    standing.status !== 'provisional' ||
    ctx.target.latest?.update !== updateId ||
    ctx.cycle?.status === 'closed'
  )
    return notice(`The update of ${ctx.target.key} (${summaryOf(ctx)}) is not waiting for sign-off.`, [
      'pending sign-offs',
    ]);
  const step = standing.approved.length + 1;
  const actors = await stepActors(ctx, step, londonDate(now));
  if (!personId || !mayAct(actors, personId) || ctx.update.by === personId)
    return notice(
      `Only ${actors.named} can sign off ${stepWords(ctx, step, standing.steps)} of this update.`,
      ['pending sign-offs'],
    );
  return signOffView(
    ctx,
    step,
    `${ctx.cycle?.name ?? 'Target update'}: please sign off this update — ${stepWords(ctx, step, standing.steps)}.`,
  );
}
