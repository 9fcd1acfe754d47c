import { UNITS } from '../../models';
import type { FormFieldView } from '../answers/views';
import { CHANGE_HELP, RANGE_HELP } from '../measure/meaning';
import { sentence } from './fields';

/** What the form edits: a target's words, figures, polarity, tolerance and who owns it. */
export const EDITABLE = [
  'text',
  'unit',
  'direction',
  'baseline',
  'interim',
  'final',
  'tolerance',
  'owner',
  'deputy',
] as const;
export type Editable = (typeof EDITABLE)[number];
export const MEASURES = ['baseline', 'interim', 'final'] as const;
export type MeasureName = (typeof MEASURES)[number];
export const MEASURE_PARTS = ['label', 'text', 'value', 'change', 'range'] as const;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const measureField = (m: MeasureName, part: (typeof MEASURE_PARTS)[number]) => `${m}${cap(part)}`;

const MEASURE_LABEL: Record<MeasureName, string> = {
  baseline: 'Baseline',
  interim: 'Interim',
  final: 'Final',
};

/** The form's fields, in order: the schema's own (services/plan-file/schema.ts targetSchema). */
export const EDIT_TARGET_FIELDS: FormFieldView[] = [
  { id: 'text', label: 'Target', type: 'multiline', max: 2000 },
  {
    id: 'unit',
    label: 'Counted in',
    type: 'choice',
    optional: true,
    choices: UNITS.map((u) => ({ title: u, value: u })),
  },
  {
    id: 'direction',
    label: 'Polarity',
    type: 'choice',
    optional: true,
    choices: [
      { title: 'Higher is better', value: 'up' },
      { title: 'Lower is better', value: 'down' },
    ],
  },
  // The hints once, on the baseline: the interim and final figures are written the same way.
  ...MEASURES.flatMap((m): FormFieldView[] => {
    const hint = (text: string) => (m === 'baseline' ? { hint: text } : {});
    return [
      {
        id: measureField(m, 'text'),
        label: `${MEASURE_LABEL[m]}: as printed`,
        type: 'text',
        optional: true,
        placeholder: m === 'baseline' ? '40.7%' : '46%',
        ...hint('The figure as the plan prints it. Clear every part of a figure to remove it.'),
        max: 500,
      },
      {
        id: measureField(m, 'label'),
        label: `${MEASURE_LABEL[m]}: label`,
        type: 'text',
        optional: true,
        placeholder: m === 'baseline' ? '2001/02' : '2004',
        max: 80,
      },
      {
        id: measureField(m, 'value'),
        label: `${MEASURE_LABEL[m]}: value`,
        type: 'text',
        optional: true,
        ...hint('A number; or, instead, a change or a range (one of the three).'),
        max: 40,
      },
      {
        id: measureField(m, 'change'),
        label: `${MEASURE_LABEL[m]}: change`,
        type: 'text',
        optional: true,
        ...hint(sentence(CHANGE_HELP)),
        max: 40,
      },
      {
        id: measureField(m, 'range'),
        label: `${MEASURE_LABEL[m]}: range`,
        type: 'text',
        optional: true,
        ...hint(sentence(RANGE_HELP)),
        max: 40,
      },
    ];
  }),
  {
    id: 'tolerance',
    label: 'Amber band (percent)',
    type: 'text',
    optional: true,
    placeholder: '5',
    hint: "How much worse than expected is still Amber; empty: the plan's.",
    max: 10,
  },
  {
    id: 'owner',
    label: 'Owner',
    type: 'text',
    optional: true,
    hint: "An email, or a name from the plan's people.",
    max: 200,
  },
  {
    id: 'deputy',
    label: 'Deputy',
    type: 'text',
    optional: true,
    hint: "An email, or a name from the plan's people.",
    max: 200,
  },
];
