import type { TargetDoc } from '../../models/target';
import { RAGS, type Rag } from '../../models/rag';
import type { UpdateField, UpdateValues } from '../answers/views';
import { calendarDay } from '../cycle/working-days';
import { ragLabel } from '../answers/figures';
import { assess, type Assessable, type Assessment } from '../measure/assess';

const realDate = (date: string) => {
  try {
    calendarDay(date);
    return true;
  } catch {
    return false;
  }
};

export const COMMENTARY_MAX = 2000;
const NUMERIC_UNITS = new Set(['percent', 'number', 'rate', 'days', 'money']);

export interface ValidUpdate {
  value?: number;
  text?: string;
  asOf: string;
  rag: Rag;
  suggested?: Rag;
  commentary?: string;
  evidence?: string;
  overrideReason?: string;
  correctiveAction?: string;
}

export type Checked =
  { ok: true; update: ValidUpdate } | { ok: false; errors: Partial<Record<UpdateField, string>> };

/**
 * Checks a submitted form against the target and the cycle, field by field, so every problem is
 * shown beside its field at once. `today` and `periodFrom` are Europe/London dates (yyyy-mm-dd).
 */
export function checkUpdate(
  values: UpdateValues,
  target: Pick<TargetDoc, 'unit' | 'direction' | 'baseline' | 'interim' | 'final'> & Assessable,
  /** `tolerance`: the plan's (or else the cycle's) Amber band in percent; `planEnd` yyyy-mm-dd. */
  context: { today: string; periodFrom: string; tolerance?: number; planEnd?: string },
): Checked {
  const errors: Partial<Record<UpdateField, string>> = {};
  const raw = (values.value ?? '').trim();
  let value: number | undefined;
  let text: string | undefined;
  if (!raw) errors.value = 'Enter the actual value.';
  else if (raw.length > 200) errors.value = 'Keep the actual value under 200 characters.';
  else if (NUMERIC_UNITS.has(target.unit ?? 'number')) {
    const cleaned = raw.replace(/[,£%\s]/g, '');
    value = /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : undefined;
    if (value === undefined)
      errors.value = `Enter a number${target.unit === 'percent' ? ' (a percentage, such as 41.5)' : ''} — "${raw.slice(0, 40)}" is not one.`;
  } else text = raw;

  const asOf = (values.asOf ?? '').trim();
  if (!realDate(asOf)) errors.asOf = 'Choose the date the value is as of (a real date, yyyy-mm-dd).';
  else if (asOf > context.today)
    errors.asOf = `The as-of date cannot be in the future (today is ${context.today}).`;
  else if (asOf < context.periodFrom)
    errors.asOf = `The as-of date must be within this cycle: on or after ${context.periodFrom}.`;

  const suggestion =
    value !== undefined && !errors.asOf
      ? assess(target, { value, asOf }, { tolerance: context.tolerance, planEnd: context.planEnd })
      : undefined;
  const chosen = (values.rag ?? '').trim().toLowerCase();
  let rag: Rag | undefined;
  if (chosen && !(RAGS as readonly string[]).includes(chosen))
    errors.rag = 'RAG must be Red, Amber or Green.';
  else rag = (chosen || suggestion?.rag) as Rag | undefined;
  // A RAG must be chosen only when none can be suggested. While the value or the date is wrong
  // there is no suggestion yet, and their own errors say what to fix: the RAG is not at fault.
  if (!rag && !errors.rag && !errors.value && !errors.asOf)
    errors.rag = `Choose a RAG status: ${noSuggestion(text !== undefined, suggestion)}`;

  const overrideReason = (values.overrideReason ?? '').trim() || undefined;
  if (rag && suggestion?.rag && rag !== suggestion.rag && !overrideReason)
    errors.overrideReason = `The figures give ${ragLabel(suggestion.rag)} (${suggestion.why}). Give a reason for ${ragLabel(rag)}.`;

  const commentary = (values.commentary ?? '').trim() || undefined;
  if (commentary && commentary.length > COMMENTARY_MAX)
    errors.commentary = `Commentary is ${commentary.length.toLocaleString('en-GB')} characters; keep it under ${COMMENTARY_MAX.toLocaleString('en-GB')}.`;
  else if (!commentary && (rag === 'red' || rag === 'amber'))
    errors.commentary = `Commentary is required for ${rag === 'red' ? 'Red' : 'Amber'}: say what is happening and what is being done.`;

  // What is being done about it: required for Red, welcome for Amber (the exception report prints it).
  const correctiveAction = (values.correctiveAction ?? '').trim() || undefined;
  if (correctiveAction && correctiveAction.length > COMMENTARY_MAX)
    errors.correctiveAction = `The corrective action is ${correctiveAction.length.toLocaleString('en-GB')} characters; keep it under ${COMMENTARY_MAX.toLocaleString('en-GB')}.`;
  else if (!correctiveAction && rag === 'red')
    errors.correctiveAction =
      'A corrective action is required for Red: say what is being done to bring it back on track.';

  const evidence = (values.evidence ?? '').trim() || undefined;
  if (evidence && (!/^https?:\/\/[^\s<>"]+$/i.test(evidence) || evidence.length > 500))
    errors.evidence = 'The evidence link must be a web address starting https://';

  if (Object.keys(errors).length || !rag) return { ok: false, errors };
  return {
    ok: true,
    update: {
      value,
      text,
      asOf,
      rag,
      suggested: suggestion?.rag,
      commentary,
      evidence,
      overrideReason,
      correctiveAction,
    },
  };
}

/** Why no RAG could be suggested for a valid value and date, as the end of a sentence. */
function noSuggestion(inWords: boolean, suggestion: Assessment | undefined): string {
  if (inWords) return 'this target is reported in words, so none can be suggested.';
  return suggestion
    ? `none can be suggested — ${suggestion.why.replace(/^No RAG: /, '')}`
    : 'none can be suggested.';
}
