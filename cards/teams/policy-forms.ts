import type {
  EditTargetFormView,
  OpenCycleFormView,
  PolicyFormBase,
  PublishWorkshopFormView,
} from '../../services/answers/views';

// Slack's plain_text_input caps at 3,000; the card takes the same, so a form means one thing on both.
const MAX_INPUT = 3000;

/**
 * A policy-team form's fields as its card template binds them (cards/teams/{open-cycle,
 * publish-workshop,edit-target}.json): every property present, so no input shows "${hint}", and
 * each with the value as typed and the error beside it.
 */
function fields(view: PolicyFormBase) {
  return view.fields.map((f) => ({
    id: f.id,
    label: f.optional ? `${f.label} (optional)` : f.label,
    type: f.type,
    placeholder: f.placeholder ?? '',
    hint: f.hint ?? '',
    max: f.max ?? MAX_INPUT,
    choices: f.choices ?? [],
    value: view.values[f.id] ?? '',
    error: view.errors[f.id] ?? '',
  }));
}

/** cards/teams/open-cycle.json's data. */
export const openCycleCardData = (view: OpenCycleFormView) => ({
  subtitle: view.plan.name,
  problem: view.problem ?? '',
  planId: view.plan.id,
  fields: fields(view),
});

/** cards/teams/publish-workshop.json's data. */
export const publishWorkshopCardData = (view: PublishWorkshopFormView) => ({
  subtitle:
    'Invitations go to the audience with Attend, Decline and Maybe; places are kept in order of reply.',
  problem: view.problem ?? '',
  fields: fields(view),
});

/** cards/teams/edit-target.json's data. */
export const editTargetCardData = (view: EditTargetFormView) => ({
  code: view.target.code,
  subtitle: 'Saved as a change to the plan: audited, and shown in its status at once.',
  problem: view.problem ?? '',
  targetId: view.target.id,
  version: view.version,
  fields: fields(view),
});
