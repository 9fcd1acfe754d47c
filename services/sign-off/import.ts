import { Plan, SignOff } from '../../models';
import { insertNew } from '../../models/insert-new';
import { signOffId } from './ledger';

type Imported = { _id: string; target?: unknown; cycle?: unknown; status?: unknown };

/**
 * The sign-off rows of updates a plan file says are not confirmed (`status: provisional` or
 * `returned`, services/plan-file/schema.ts): each enters the plan's chain again at its first step,
 * recorded as done by the importer (`by`, at `at`); a returned one also gets the return, so it
 * waits for its owner to submit again. A plan file carries where each figure stands, not the
 * decisions that brought it there: those stay in the database (and audit trail) they were made in.
 * Keyed like every sign-off row, so importing the same file twice adds nothing.
 */
export async function importSignOffs(
  planId: string,
  updates: readonly Imported[],
  by: string,
  at: Date,
): Promise<void> {
  const pending = updates.filter((u) => u.status === 'provisional' || u.status === 'returned');
  if (pending.length === 0) return;
  const plan = await Plan.findById(planId, { signOff: 1 }).lean();
  const steps = Math.max(1, plan?.signOff?.length ?? 0);
  const common = (u: Imported) => ({
    update: u._id,
    plan: planId,
    target: `${planId}:${String(u.target)}`,
    ...(typeof u.cycle === 'string' ? { cycle: u.cycle } : {}),
    by,
    at,
    channel: 'import' as const,
  });
  await insertNew(
    SignOff,
    pending.flatMap((u) => [
      { _id: signOffId(u._id, 0), ...common(u), step: 0, decision: 'submitted', steps },
      ...(u.status === 'returned'
        ? [
            {
              _id: signOffId(u._id, 1),
              ...common(u),
              step: 1,
              decision: 'returned',
              comment: 'Returned before the plan file was exported.',
            },
          ]
        : []),
    ]),
  );
}
