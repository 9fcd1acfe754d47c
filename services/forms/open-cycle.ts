import { Aim, Plan } from '../../models';
import type { AuditChannel } from '../../models/audit';
import { ukDate } from '../answers/format';
import { notice } from '../answers/notice';
import { planName } from '../answers/plans';
import type { OpenCycleFormView, View } from '../answers/views';
import { ukWhen } from '../answers/when';
import { committeeDates } from '../cycle/committee';
import { CycleError, openCycle, openCycleInput, type OpenCycleInput } from '../cycle/open';
import { reminderSchedule } from '../cycle/schedule';
import { calendarDay, londonDate } from '../cycle/working-days';
import type { PlanEntry } from '../plan/snapshot';
import { openCycleFields } from './open-cycle-fields';
import { formValues, issuesToFields, numberList, sentence, type FormErrors, type FormValues } from './fields';

/** The plan's aims as the form's choices: "ED — Education". */
async function aimChoices(plan: string): Promise<{ value: string; title: string }[]> {
  const aims = await Aim.find({ plan }, { key: 1, code: 1, title: 1 }).sort({ order: 1 }).lean();
  return aims.map((a) => ({ value: a.key, title: a.code ? `${a.code} — ${a.title}` : a.title }));
}

/**
 * The empty form (scope: the whole plan; reminders 5 and 1 working days before, escalation 1 after,
 * as `npm run cycle` has them), or the form as typed with `errors` beside fields.
 */
export async function openCycleForm(
  plan: {
    _id: string;
    organisation?: string | null;
    title?: string | null;
    period?: { label?: string | null } | null;
  },
  values: FormValues = { scope: 'plan', remindDays: '5, 1', escalateDays: '1' },
  errors: FormErrors = {},
  problem?: string,
): Promise<OpenCycleFormView> {
  return {
    kind: 'openCycleForm',
    plan: { id: plan._id, name: planName(plan as unknown as PlanEntry) },
    fields: openCycleFields(await aimChoices(plan._id)),
    values,
    errors,
    ...(problem ? { problem } : {}),
  };
}

// Where openCycleInput's paths belong on the form.
const FIELD_OF: Record<string, string> = {
  name: 'name',
  opensOn: 'opensOn',
  dueOn: 'dueOn',
  periodFrom: 'periodFrom',
  aim: 'aim',
  targets: 'targets',
  remindDaysBefore: 'remindDays',
  escalateDaysAfter: 'escalateDays',
  reportDeadline: 'reportDeadline',
};
// The schema's own words where it has none for people (its ranges), said plainly.
const PLAINLY: Record<string, string> = {
  remindDays: 'Up to five whole numbers of working days, each 1 to 60, such as "5, 1".',
  escalateDays: 'A whole number of working days from 1 to 30, such as 1.',
  targets: 'List up to 5,000 codes of up to 80 characters each, such as "ED.1, EN.1/2".',
  aim: "Choose one of the plan's aims.",
};
const fieldOf = (path: readonly PropertyKey[]) =>
  path[0] === 'meeting' ? (path[1] === 'on' ? 'meetingOn' : 'meetingName') : FIELD_OF[String(path[0])];

/**
 * Where the cycle services' own messages belong on the form (services/cycle/open.ts, schedule.ts,
 * committee.ts, working-days.ts): each is the person's to fix beside the field it names.
 */
const MESSAGE_FIELDS: [RegExp, string][] = [
  [/^Due date\b/, 'dueOn'],
  [/^Opening date\b/, 'opensOn'],
  [/^The due date \(/, 'dueOn'],
  [/^A reminder\b/, 'remindDays'],
  [/^The escalation\b/, 'escalateDays'],
  [/^The meeting date\b/, 'meetingOn'],
  [/^The meeting \(/, 'meetingOn'],
  [/^The report deadline\b/, 'reportDeadline'],
  [/^Updates are due on\b/, 'reportDeadline'],
  [/already exists\b/, 'name'],
  [/^Not in plan\b/, 'targets'],
  [/^No targets are in that scope\b/, 'scope'],
];
const messageField = (message: string) => MESSAGE_FIELDS.find(([re]) => re.test(message))?.[1];

/** The form's text as openCycle's input, and what is wrong before any date is reckoned. */
function toInput(
  v: FormValues,
  plan: string,
  by: string,
  channel: AuditChannel,
): { input: OpenCycleInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const scope = v.scope ?? 'plan';
  if (!['plan', 'aim', 'listed'].includes(scope))
    errors.scope = 'Choose the whole plan, an aim or listed targets.';
  if (scope === 'aim' && !v.aim) errors.aim = 'Choose the aim whose targets the cycle asks for.';
  const listed = v.targets?.split(/[,;\s]+/).filter(Boolean);
  if (scope === 'listed' && !listed?.length)
    errors.targets = 'List the priorities or targets, such as "ED.1, EN.1/2".';
  const escalate = numberList(v.escalateDays);
  if (escalate && escalate.length > 1) errors.escalateDays = 'One number of working days, such as 1.';
  if (!!v.meetingName !== !!v.meetingOn) {
    if (v.meetingName) errors.meetingOn = 'Give the day the committee meets, or clear its name.';
    else errors.meetingName = 'Name the committee that meets that day, such as "Cabinet".';
  }
  return {
    errors,
    input: {
      plan,
      name: v.name ?? '',
      dueOn: v.dueOn ?? '',
      opensOn: v.opensOn,
      periodFrom: v.periodFrom,
      aim: scope === 'aim' ? v.aim : undefined,
      targets: scope === 'listed' ? listed : undefined,
      remindDaysBefore: numberList(v.remindDays),
      escalateDaysAfter: escalate?.[0],
      meeting: v.meetingName && v.meetingOn ? { name: v.meetingName, on: v.meetingOn } : undefined,
      reportDeadline: v.reportDeadline,
      by,
      channel,
    },
  };
}

/**
 * Every check the cycle services make, made first field by field so each message lands beside the
 * field it is about: the schema (openCycleInput), each date a real one, the reminder schedule, and
 * the committee's dates. Nothing is written.
 */
function check(
  input: OpenCycleInput,
  now: Date,
): { errors: FormErrors; problems: string[]; warnings: string[] } {
  const parsed = openCycleInput.safeParse(input);
  if (!parsed.success) return { ...issuesToFields(parsed.error.issues, fieldOf, PLAINLY), warnings: [] };
  const c = parsed.data;
  const errors: FormErrors = {};
  const problems: string[] = [];
  const put = (message: string, fallback?: string) => {
    const field = messageField(message) ?? fallback;
    if (field) errors[field] ??= sentence(message);
    else problems.push(sentence(message));
  };
  const dates: [string, string | undefined, string][] = [
    ['opensOn', c.opensOn, 'The opening date'],
    ['dueOn', c.dueOn, 'The due date'],
    ['periodFrom', c.periodFrom, 'The first as-of date'],
    ['meetingOn', c.meeting?.on, 'The meeting date'],
    ['reportDeadline', c.reportDeadline, 'The report deadline'],
  ];
  for (const [field, day, what] of dates) {
    try {
      if (day) calendarDay(day, what);
    } catch (error) {
      errors[field] = sentence((error as Error).message);
    }
  }
  if (Object.keys(errors).length) return { errors, problems, warnings: [] };
  const opensOn = c.opensOn ?? londonDate(now);
  try {
    reminderSchedule({
      opensOn,
      dueOn: c.dueOn,
      remindDaysBefore: c.remindDaysBefore,
      escalateDaysAfter: c.escalateDaysAfter,
    });
  } catch (error) {
    put((error as Error).message, 'dueOn');
  }
  const committee = committeeDates(c);
  // A deadline nobody typed is the meeting's default one: the meeting's day is what to change.
  for (const p of committee.problems)
    if (!c.reportDeadline && /^Updates are due on\b/.test(p)) errors.meetingOn ??= sentence(p);
    else put(p, c.reportDeadline ? 'reportDeadline' : 'meetingOn');
  return { errors, problems, warnings: committee.warnings };
}

/**
 * Opens a monitoring cycle from the policy team's form (a Teams card or a Slack modal) through
 * services/cycle/open.ts `openCycle`, which schedules the requests, reminders and escalations and
 * audits the opening with `channel`. On any error nothing is opened and the form comes back with
 * what was typed and each message beside its field; on success, a notice saying what was
 * scheduled, when the report is due and any warning.
 */
export async function submitOpenCycleForm(
  req: { plan: string; values: Record<string, unknown>; by: string; channel: AuditChannel },
  now: Date,
): Promise<{ ok: boolean; view: View }> {
  const plan = await Plan.findById(req.plan, { organisation: 1, title: 1, period: 1 }).lean();
  if (!plan)
    return { ok: false, view: notice(`There is no plan "${req.plan}" any more, so no cycle was opened.`) };
  const fields = openCycleFields([]);
  const values = formValues(fields, req.values);
  const again = (errors: FormErrors, problem?: string) =>
    openCycleForm(plan, values, errors, problem).then((view) => ({ ok: false, view }));
  const { input, errors: own } = toInput(values, req.plan, req.by, req.channel);
  const checked = check(input, now);
  const errors = { ...checked.errors, ...own };
  if (Object.keys(errors).length || checked.problems.length)
    return again(errors, checked.problems.join(' ') || undefined);
  try {
    const opened = await openCycle(input, now);
    return { ok: true, view: openedNotice(String(input.name).trim(), opened) };
  } catch (error) {
    if (!(error instanceof CycleError)) throw error;
    const field = messageField(error.message);
    return field ? again({ [field]: sentence(error.message) }) : again({}, sentence(error.message));
  }
}

type Opened = Awaited<ReturnType<typeof openCycle>>;

/** What was scheduled, in words: the request, each reminder, the escalation, the report. */
function openedNotice(name: string, o: Opened): View {
  const at = (kind: string) => o.schedule.filter((s) => s.kind === kind).map((s) => ukWhen(s.at));
  const reminders = at('reminder');
  const lines = [
    `Opened "${name}": ${o.targets} target${o.targets === 1 ? '' : 's'}, ${o.owners} owner${o.owners === 1 ? '' : 's'} to ask.`,
    `Update requests go out ${at('request').join(', ')}; ${
      reminders.length ? `reminders ${reminders.join(' and ')}` : 'no reminder (the due date is too close)'
    }; escalation to line managers ${at('escalation').join(', ')}.`,
    ...(o.reportDeadline ? [`The report must be ready by ${ukDate(o.reportDeadline)}.`] : []),
    ...o.warnings.map((w) => `Note: ${w}`),
    ...(o.withoutOwner.length
      ? [`No owner, so nobody will be asked: ${o.withoutOwner.join(', ')} ("assign <code> to <email>").`]
      : []),
  ];
  return notice(lines.join('\n'), [`cycle status ${name}`]);
}

export { openCycleFields } from './open-cycle-fields';
