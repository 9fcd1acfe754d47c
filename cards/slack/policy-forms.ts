import type { FormFieldView, PolicyFormBase, View } from '../../services/answers/views';
import type { Block } from './text';
import { clip, join, plain, section, slack } from './text';

const button = (text: string, action_id: string, value: string): Block => ({
  type: 'button',
  action_id,
  style: 'primary',
  text: plain(text, 75),
  value: clip(value, 2000),
});
const actions = (elements: Block[]): Block => ({ type: 'actions', elements });

/** The button on a form message that opens its modal; its value names the form and what it is of. */
export const OPEN_POLICY_FORM = 'open_policy_form';

// Slack's limits: a plain_text_input holds at most 3,000 characters, a static_select 100 options.
const MAX_INPUT = 3000;
const MAX_OPTIONS = 100;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const realDate = (d: string) =>
  ISO_DATE.test(d) &&
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/** One input's element, with what was typed as its initial value where Slack would accept it. */
function element(f: FormFieldView, value: string | undefined): Block {
  switch (f.type) {
    case 'date':
      // Slack refuses the whole view for an initial_date that is not a real date: such a value is left out.
      return {
        type: 'datepicker',
        action_id: f.id,
        ...(value && realDate(value) ? { initial_date: value } : {}),
      };
    case 'time':
      return {
        type: 'timepicker',
        action_id: f.id,
        ...(value && TIME.test(value) ? { initial_time: value } : {}),
      };
    case 'choice': {
      const options = (f.choices ?? [])
        .slice(0, MAX_OPTIONS)
        .map((c) => ({ text: plain(c.title, 75), value: clip(c.value, 150) }));
      const initial = options.find((o) => o.value === value);
      return {
        type: 'static_select',
        action_id: f.id,
        placeholder: plain('Choose…'),
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    default: {
      const max = Math.min(f.max ?? MAX_INPUT, MAX_INPUT);
      return {
        type: 'plain_text_input',
        action_id: f.id,
        max_length: max,
        ...(f.type === 'multiline' ? { multiline: true } : {}),
        ...(f.placeholder ? { placeholder: plain(f.placeholder) } : {}),
        ...(value ? { initial_value: value.slice(0, max) } : {}),
      };
    }
  }
}

/**
 * A form's fields as modal input blocks, each block and its element named after the field (so
 * `response_action: errors` puts a message beside it), holding what was typed.
 */
export function fieldBlocks(view: PolicyFormBase): Block[] {
  return view.fields
    .filter((f) => f.type !== 'choice' || (f.choices ?? []).length > 0)
    .map((f) => ({
      type: 'input',
      block_id: f.id,
      optional: !!f.optional,
      label: plain(f.label, 2000),
      element: element(f, view.values[f.id]),
      ...(f.hint ? { hint: plain(f.hint, 2000) } : {}),
    }));
}

/** A problem not tied to one field, and the fields' errors, at the top of a modal or message. */
export function problemBlocks(view: PolicyFormBase): Block[] {
  const labels = new Map(view.fields.map((f) => [f.id, f.label]));
  const lines = [
    ...(view.problem ? [slack`:warning: ${view.problem}`] : []),
    ...Object.entries(view.errors)
      .filter(([, e]) => e)
      .map(([k, e]) => slack`• *${labels.get(k) ?? k}*: ${e}`),
  ];
  return lines.length ? [section(join(lines))] : [];
}

type FormView = Extract<View, { kind: 'openCycleForm' | 'publishWorkshopForm' | 'editTargetForm' }>;

/** What a form's button says it opens: "openCycle|<plan>", "publishWorkshop", "editTarget|<target>". */
export const formButtonValue = (view: FormView): string =>
  view.kind === 'openCycleForm'
    ? `openCycle|${view.plan.id}`
    : view.kind === 'editTargetForm'
      ? `editTarget|${view.target.id}`
      : 'publishWorkshop';

/**
 * A form as a Slack message: a modal needs the trigger of a click, so a typed "open a cycle" is
 * answered with a button that opens it (bot/slack/policy-forms.ts).
 */
export function formMessage(view: FormView): { text: string; blocks: Block[] } {
  const [text, about] =
    view.kind === 'openCycleForm'
      ? ['Open a monitoring cycle', slack`*Open a monitoring cycle*\n${view.plan.name}`]
      : view.kind === 'editTargetForm'
        ? [`Edit target ${view.target.code}`, slack`*Edit target ${view.target.code}*`]
        : [
            'New workshop',
            slack`*New workshop*\nTitle, day and times, place or link, places and who is invited.`,
          ];
  return {
    text,
    blocks: [
      section(about),
      ...problemBlocks(view),
      actions([button('Open the form', OPEN_POLICY_FORM, formButtonValue(view))]),
    ],
  };
}
