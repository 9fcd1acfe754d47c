import { notice } from '../answers/notice';
import type { FormFieldView, PublishWorkshopFormView, View } from '../answers/views';
import { londonDateTime, ukWhen } from '../answers/when';
import { AUDIENCE_HELP, AudienceError, resolveAudience } from '../broadcast/audience';
import type { BroadcastFormDeps } from '../broadcast/broadcast';
import type { Address } from '../delivery/outbox';
import { publishWorkshop, WorkshopError, workshopInput, type WorkshopInput } from '../workshop/publish';
import { formValues, issuesToFields, numberList, sentence, type FormErrors, type FormValues } from './fields';

/**
 * The form's fields, in order: what a workshop file has (plans/broadcasts/workshop.yaml), with the
 * start and end as a day and two times, so both channels can offer their date and time pickers.
 */
export const WORKSHOP_FIELDS: FormFieldView[] = [
  { id: 'title', label: 'Title', type: 'text', placeholder: 'Corporate plan priorities workshop', max: 120 },
  { id: 'description', label: 'What it is about', type: 'multiline', optional: true, max: 2000 },
  { id: 'day', label: 'Day', type: 'date' },
  { id: 'starts', label: 'Starts at', type: 'time', hint: 'London time.' },
  { id: 'ends', label: 'Ends at', type: 'time', hint: 'London time, the same day.' },
  {
    id: 'place',
    label: 'Place',
    type: 'text',
    optional: true,
    placeholder: 'Town Hall, Committee Room 1',
    max: 200,
  },
  { id: 'link', label: 'Online link', type: 'text', optional: true, placeholder: 'https://…', max: 500 },
  { id: 'capacity', label: 'Places', type: 'text', placeholder: '20', max: 6 },
  {
    id: 'audience',
    label: 'Who is invited',
    type: 'multiline',
    placeholder: 'role: councillors',
    hint: AUDIENCE_HELP,
    max: 3000,
  },
  {
    id: 'remindDays',
    label: 'Reminders: days before',
    type: 'text',
    optional: true,
    placeholder: '7, 1',
    max: 30,
  },
];

/** The empty form (reminders 7 and 1 days before, as a workshop file has by default), or as typed. */
export function publishWorkshopForm(
  values: FormValues = { remindDays: '7, 1' },
  errors: FormErrors = {},
  problem?: string,
): PublishWorkshopFormView {
  return {
    kind: 'publishWorkshopForm',
    fields: WORKSHOP_FIELDS,
    values,
    errors,
    ...(problem ? { problem } : {}),
  };
}

const FIELD_OF: Record<string, string> = {
  title: 'title',
  description: 'description',
  starts: 'starts',
  ends: 'ends',
  place: 'place',
  link: 'link',
  capacity: 'capacity',
  audience: 'audience',
  remindDaysBefore: 'remindDays',
};
const PLAINLY: Record<string, string> = {
  title: 'Give it a title of 3 to 120 characters.',
  description: 'Say what it is about in up to 2,000 characters.',
  link: 'The online link must be a web address starting https://',
  capacity: 'Give the number of places: a whole number from 1 to 10,000.',
  audience: `Say who is invited. ${AUDIENCE_HELP}`,
  remindDays: 'Up to five whole numbers of days, each 1 to 60, such as "7, 1".',
};

/** Where services/workshop/publish.ts's own messages belong on the form. */
const MESSAGE_FIELDS: [RegExp, string][] = [
  [/^starts\b/, 'starts'],
  [/^ends\b/, 'ends'],
  [/must end after it starts/, 'ends'],
  [/must start in the future/, 'day'],
  [/capacity cannot go down/, 'capacity'],
  [/was cancelled; publish it under a new id/, 'title'],
];

const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;

/** The form's text as a workshop file's fields, and what is wrong with the day and times. */
function toInput(v: FormValues): { input: WorkshopInput; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!v.day || !londonDateTime(v.day)) errors.day = 'Choose the day, written yyyy-mm-dd.';
  // Slack's time picker and Teams' Input.Time send hh:mm; anything else is refused here, not guessed.
  if (!v.starts || !TIME.test(v.starts)) errors.starts = 'Give the start time as hh:mm, such as 14:00.';
  if (!v.ends || !TIME.test(v.ends)) errors.ends = 'Give the end time as hh:mm, such as 16:00.';
  if (v.capacity !== undefined && !/^\d{1,6}$/.test(v.capacity)) errors.capacity = PLAINLY.capacity ?? '';
  return {
    errors,
    input: {
      title: v.title ?? '',
      description: v.description ?? '',
      starts: `${v.day ?? ''} ${v.starts ?? ''}`.trim(),
      ends: v.ends ?? '',
      place: v.place,
      link: v.link,
      capacity: v.capacity === undefined ? Number.NaN : Number(v.capacity),
      audience: v.audience ?? '',
      remindDaysBefore: numberList(v.remindDays),
    },
  };
}

/**
 * Publishes a workshop from the policy team's form (a Teams card or a Slack modal) through
 * services/workshop/publish.ts `publishWorkshop`: the same checks as a workshop file, the same
 * broadcast to its audience, and the same rule that more than BROADCAST_APPROVAL_OVER recipients
 * wait for a second member of the policy team to approve. On any error nothing is published and
 * the form comes back as typed with each message beside its field.
 */
export async function submitPublishWorkshopForm(
  req: { values: Record<string, unknown>; by: string; authorAddress?: Address },
  deps: BroadcastFormDeps,
): Promise<{ ok: boolean; view: View }> {
  const values = formValues(WORKSHOP_FIELDS, req.values);
  const again = (errors: FormErrors, problem?: string) => ({
    ok: false,
    view: publishWorkshopForm(values, errors, problem),
  });
  const { input, errors: own } = toInput(values);
  const parsed = workshopInput.safeParse(input);
  const { errors, problems } = parsed.success
    ? { errors: {}, problems: [] }
    : issuesToFields(parsed.error.issues, (p) => FIELD_OF[String(p[0])], PLAINLY);
  // The form's own words for the day and times win over the file's ("starts must be …").
  const all: FormErrors = { ...errors, ...own };
  if (!all.audience && values.audience) {
    try {
      await resolveAudience(values.audience, deps.directory);
    } catch (error) {
      if (!(error instanceof AudienceError)) throw error;
      all.audience = sentence(error.message);
    }
  }
  const startsAt = londonDateTime(input.starts, '');
  if (!all.day && !all.starts && startsAt && startsAt <= deps.now())
    all.day = `The workshop must start in the future (it is now ${ukWhen(deps.now())}).`;
  if (Object.keys(all).length || problems.length) return again(all, problems.join(' ') || undefined);
  try {
    const published = await publishWorkshop(input, req.by, { ...deps, authorAddress: req.authorAddress });
    return { ok: true, view: notice(published.text, published.suggestions) };
  } catch (error) {
    if (!(error instanceof WorkshopError)) throw error;
    const field = MESSAGE_FIELDS.find(([re]) => re.test(error.message))?.[1];
    return field ? again({ [field]: sentence(error.message) }) : again({}, sentence(error.message));
  }
}
