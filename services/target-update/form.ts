import { Person } from '../../models';
import type { CycleDoc } from '../../models/cycle';
import type { TargetDoc } from '../../models/target';
import { ukDate } from '../answers/format';
import { figuresOf, reportedText } from '../answers/figures';
import { calendarDay } from '../cycle/working-days';
import type { UpdateFormView, UpdateValues } from '../answers/views';

type CycleLike = Pick<CycleDoc, 'name' | 'dueOn'> & { _id: string };
type TargetLike = Pick<TargetDoc, 'key' | 'text' | 'unit' | 'baseline' | 'interim' | 'final' | 'latest'> & {
  _id: string;
};

type Due = Pick<CycleDoc, 'name' | 'dueOn'>;

/**
 * Why a form is there: the request's words, the same whether it was sent or asked for. `today`
 * (yyyy-mm-dd, London) is the day it is sent or opened: after the due date it says overdue.
 */
export const requestHeader = (cycle: Due, today: string): string =>
  today > cycle.dueOn
    ? overdue(cycle, today, 'please report on it now')
    : `${cycle.name}: please report on this target by ${ukDate(cycle.dueOn)}.`;

/** A reminder's words on the day it is sent (`today`, yyyy-mm-dd, London): due, due today, or overdue. */
export const reminderHeader = (cycle: Due, today: string): string =>
  today > cycle.dueOn
    ? `Reminder — ${overdue(cycle, today, 'please report on it now')}`
    : today === cycle.dueOn
      ? `Reminder — ${cycle.name}: this target's update is due today, ${ukDate(cycle.dueOn)}.`
      : `Reminder — ${cycle.name}: this target's update is due by ${ukDate(cycle.dueOn)}.`;

/** "Q3 2026/27: this target's update is overdue — it was due by 15 Jan 2027, 3 days ago; …". */
function overdue(cycle: Due, today: string, ask: string): string {
  const days = Math.round(calendarDay(today).diff(calendarDay(cycle.dueOn), 'days').days);
  return `${cycle.name}: this target's update is overdue — it was due by ${ukDate(cycle.dueOn)}, ${days === 1 ? '1 day' : `${days} days`} ago; ${ask}.`;
}

/** The update form for one target in one cycle, with what the person typed and what was wrong. */
export function updateForm(
  cycle: CycleLike,
  target: TargetLike,
  code: string,
  header: string,
  values: UpdateValues = {},
  errors: UpdateFormView['errors'] = {},
  problem?: string,
): UpdateFormView {
  return {
    kind: 'updateForm',
    cycle: { id: cycle._id, name: cycle.name, due: ukDate(cycle.dueOn) },
    target: {
      id: target._id,
      code,
      text: target.text,
      unit: target.unit ?? 'number',
      figures: figuresOf(target),
      latest: target.latest ? reportedText(target.latest, target) : undefined,
    },
    header,
    values,
    errors,
    problem,
  };
}

/** Why a closed cycle's form takes nothing more, for opening it and for submitting it. */
export function cycleClosedText(cycle: { name: string; closedOn?: string | null; dueOn: string }): string {
  return `The cycle "${cycle.name}" closed on ${ukDate(cycle.closedOn ?? cycle.dueOn)}; updates are no longer taken through it.`;
}

/**
 * " (Ann Owner)": a target's owner as a refusal names them, by the name the plan gives them (their
 * email when it gives none); empty when the target has no owner.
 */
export async function ownerNamed(owner: string | null | undefined): Promise<string> {
  if (!owner) return '';
  const person = await Person.findById(owner, { name: 1 }).lean();
  return ` (${person?.name ?? owner})`;
}
