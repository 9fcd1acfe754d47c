import { notice } from '../answers/notice';
import { whichPlan } from '../answers/plans';
import type { View } from '../answers/views';
import { normaliseCode } from '../plan/codes';
import type { PlanSnapshot } from '../plan/snapshot';
import { editTargetForm } from './edit-target';
import { FORM_DOES, type PolicyForm } from './fields';
import { openCycleForm } from './open-cycle';
import { publishWorkshopForm } from './publish-workshop';

/** What a person asked for: a form, the target to edit (as typed) and the plan they named. */
export interface FormAsk {
  form: PolicyForm;
  code?: string;
  plan?: string;
}

/**
 * The policy team's form asked for in chat ("open a cycle", "new workshop", "edit ED.1/1"). The
 * caller has checked the asker is in the policy team. A cycle is opened in one plan: the one named
 * ("open a cycle in York"), else the asker's own or the only one, else the answer asks which.
 */
export async function openPolicyForm(
  ask: FormAsk,
  snapshot: PlanSnapshot,
  personId: string | undefined,
): Promise<View> {
  switch (ask.form) {
    case 'publishWorkshop':
      return publishWorkshopForm();
    case 'openCycle': {
      const own = snapshot.plansOf(personId).filter((p) => snapshot.planById(p));
      const id =
        ask.plan ??
        (snapshot.plans.length === 1 ? snapshot.plans[0]?._id : own.length === 1 ? own[0] : undefined);
      const plan = id ? snapshot.planById(id) : undefined;
      if (plan) return openCycleForm(plan);
      if (!snapshot.plans.length)
        return notice('No plan is loaded yet, so there is nothing to open a cycle of.');
      return whichPlan(
        'A monitoring cycle',
        'open a cycle',
        snapshot.plans.map((p) => p._id),
        snapshot,
      );
    }
    case 'editTarget':
      return editForm(ask.code ?? '', ask.plan, snapshot);
  }
}

/** The edit form for the target typed ("ED.1/1", "ed1/1"), or what to ask instead. */
async function editForm(code: string, plan: string | undefined, snapshot: PlanSnapshot): Promise<View> {
  const wanted = normaliseCode(code);
  const targets = snapshot.priorities
    .filter((p) => !plan || p.plan === plan)
    .flatMap((p) => p.targets)
    .filter((t) => normaliseCode(t.key) === wanted);
  if (targets.length > 1)
    return whichPlan(code.toUpperCase(), `edit ${code}`, [...new Set(targets.map((t) => t.plan))], snapshot);
  const [target] = targets;
  if (target)
    return (
      (await editTargetForm(target._id)) ??
      notice(`${target.key} is no longer in the plan, so there is nothing to edit.`)
    );
  // A priority's code: which of its targets?
  const priority = snapshot.priorityByCode(code, plan);
  if (priority?.targets.length)
    return notice(
      `${priority.code ?? priority.key} has ${priority.targets.length} target${priority.targets.length === 1 ? '' : 's'}: which one?`,
      priority.targets.slice(0, 3).map((t) => `edit ${t.key}`),
    );
  const near = snapshot.closestCodes(code);
  return notice(
    `I couldn't find a target called ${code.toUpperCase()}.${near.length ? ` Did you mean ${near.join(', ')}?` : ''} Edit a target by its key, such as "edit ED.1/1".`,
    near.map((c) => `edit ${c}`),
  );
}

/** "Only the policy team can open monitoring cycles." */
export const policyOnly = (form: PolicyForm): string => `Only the policy team can ${FORM_DOES[form]}.`;
