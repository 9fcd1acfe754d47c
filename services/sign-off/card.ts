import { Cycle, Person, Plan, Priority, Target, Update } from '../../models';
import type { TargetDoc } from '../../models/target';
import type { UpdateDoc } from '../../models/update';
import { reportedText } from '../answers/figures';
import { excerpt, ukDateTime } from '../answers/format';
import type { SignOffView } from '../answers/views';
import { ragReason } from '../answers/target-view';
import type { TargetEntry } from '../plan/snapshot';
import { planEndOf } from '../measure/period';
import type { ChainStep } from './chain';

export type StoredUpdate = UpdateDoc & { _id: string };
export type StoredTarget = TargetDoc & { _id: string };

/** Everything a sign-off needs to know about one update, read once. */
export interface Context {
  update: StoredUpdate;
  target: StoredTarget;
  cycle?: { _id: string; name: string; status: string; dueOn: string; closedOn?: string | null };
  plan: {
    _id: string;
    signOff?: ChainStep[] | null;
    tolerance?: number | null;
    period?: { end?: string | null; label: string } | null;
  };
  code: string;
  /** The submitter's name (their email when the plan has none). */
  byName: string;
}

/** Reads an update with its target, cycle, plan and priority code; undefined when any is gone. */
export async function contextOf(updateId: string): Promise<Context | undefined> {
  const update = (await Update.findById(updateId).lean()) as StoredUpdate | null;
  if (!update) return undefined;
  const [target, cycle, plan, by] = await Promise.all([
    Target.findById(`${update.plan}:${update.target}`).lean() as Promise<StoredTarget | null>,
    update.cycle ? Cycle.findById(update.cycle).lean() : null,
    Plan.findById(update.plan, { signOff: 1, tolerance: 1, period: 1 }).lean(),
    update.by ? Person.findById(update.by, { name: 1 }).lean() : null,
  ]);
  if (!target || !plan) return undefined;
  const priority = await Priority.findById(`${target.plan}:${target.priority}`, { code: 1 }).lean();
  return {
    update,
    target,
    cycle: (cycle as Context['cycle']) ?? undefined,
    plan: plan as Context['plan'],
    code: priority?.code ?? 'no code',
    byName: by?.name ?? update.by ?? 'someone',
  };
}

/** "step 1 of 2, Head of service approves". */
export const stepWords = (ctx: Context, step: number, steps: number): string =>
  `step ${step} of ${steps}${ctx.plan.signOff?.[step - 1] ? `, ${ctx.plan.signOff[step - 1]?.step}` : ''}`;

/** The figure as every sign-off message says it: "47% (● Green) as of 31 Dec 2026". */
export const summaryOf = (ctx: Context): string => reportedText(ctx.update, ctx.target);

/** The card an approver acts on (or, with `decided`, the card after it was acted on). */
export function signOffView(
  ctx: Context,
  step: number,
  header: string,
  extra: Pick<SignOffView, 'decided' | 'outcome' | 'comment' | 'error'> = {},
): SignOffView {
  const u = ctx.update;
  const entry = {
    ...(ctx.target as unknown as TargetEntry),
    latest: { ...u, update: u._id },
    planTolerance: ctx.plan.tolerance ?? undefined,
    planEnd: planEndOf(ctx.plan),
  } as TargetEntry;
  return {
    kind: 'signOff',
    update: u._id,
    step,
    header,
    code: ctx.code,
    targetText: ctx.target.text,
    summary: summaryOf(ctx),
    reason: ragReason(entry),
    commentary: u.commentary ? excerpt(u.commentary, 600) : undefined,
    correctiveAction: u.correctiveAction ? excerpt(u.correctiveAction, 600) : undefined,
    by: `Submitted by ${ctx.byName} at ${ukDateTime(u.at)}`,
    ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
  };
}
