import type { CycleDoc } from '../../models/cycle';
import type { TargetDoc } from '../../models/target';
import { ukDate } from '../answers/format';
import { figuresOf, reportedText } from '../answers/figures';
import type { UpdateFormView, UpdateValues } from '../answers/views';

type CycleLike = Pick<CycleDoc, 'name' | 'dueOn'> & { _id: string };
type TargetLike = Pick<TargetDoc, 'key' | 'text' | 'unit' | 'baseline' | 'interim' | 'final' | 'latest'> & {
  _id: string;
};

/** Why a form is there: the request's words, the same whether it was sent or asked for. */
export const requestHeader = (cycle: Pick<CycleDoc, 'name' | 'dueOn'>): string =>
  `${cycle.name}: please report on this target by ${ukDate(cycle.dueOn)}.`;

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
      latest: target.latest ? reportedText(target.latest, target.unit) : undefined,
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
