import type { CycleDoc } from '../../models/cycle';
import type { TargetDoc } from '../../models/target';
import { ukDate } from '../answers/format';
import type { FigureView, UpdateFormView, UpdateValues } from '../answers/views';

type CycleLike = Pick<CycleDoc, 'name' | 'dueOn'> & { _id: string };
type TargetLike = Pick<TargetDoc, 'key' | 'text' | 'unit' | 'baseline' | 'interim' | 'final' | 'latest'> & {
  _id: string;
};

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
  const figures: FigureView[] = [];
  for (const [name, m] of [
    ['Baseline', target.baseline],
    ['Interim', target.interim],
    ['Target', target.final],
  ] as const) {
    if (m?.text) figures.push({ label: m.label ? `${name} ${m.label}` : name, text: m.text });
  }
  const latest = target.latest;
  return {
    kind: 'updateForm',
    cycle: { id: cycle._id, name: cycle.name, due: ukDate(cycle.dueOn) },
    target: {
      id: target._id,
      code,
      text: target.text,
      unit: target.unit ?? 'number',
      figures,
      latest: latest
        ? `${latest.value ?? latest.text ?? ''}${latest.rag ? ` (${latest.rag.toUpperCase()})` : ''} as of ${ukDate(latest.asOf)}`
        : undefined,
    },
    header,
    values,
    errors,
    problem,
  };
}
