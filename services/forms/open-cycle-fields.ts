import type { FormFieldView } from '../answers/views';

/** The form's fields, in order; `aim` lists the plan's aims. The ids are what both channels send back. */
export function openCycleFields(aims: { value: string; title: string }[]): FormFieldView[] {
  return [
    { id: 'name', label: 'Name', type: 'text', placeholder: 'Q3 2026/27', max: 80 },
    {
      id: 'scope',
      label: 'Which targets',
      type: 'choice',
      choices: [
        { title: 'The whole plan', value: 'plan' },
        { title: 'One aim (choose it below)', value: 'aim' },
        { title: 'The priorities or targets listed below', value: 'listed' },
      ],
    },
    { id: 'aim', label: 'Aim', type: 'choice', optional: true, choices: aims },
    {
      id: 'targets',
      label: 'Priorities or targets',
      type: 'text',
      optional: true,
      placeholder: 'ED.1, EN.1/2',
      hint: 'Codes separated by commas; a priority brings all its targets.',
      max: 2000,
    },
    {
      id: 'opensOn',
      label: 'Opens on',
      type: 'date',
      optional: true,
      hint: 'Requests go out at 09:00 that day; empty: today.',
    },
    { id: 'dueOn', label: 'Due on', type: 'date', hint: 'Updates are due by the end of this day.' },
    {
      id: 'periodFrom',
      label: 'Figures as of this date or later',
      type: 'date',
      optional: true,
      hint: 'Empty: three months before opening.',
    },
    {
      id: 'remindDays',
      label: 'Reminders: working days before the due date',
      type: 'text',
      optional: true,
      placeholder: '5, 1',
      max: 40,
    },
    {
      id: 'escalateDays',
      label: 'Escalate to line managers: working days after the due date',
      type: 'text',
      optional: true,
      placeholder: '1',
      max: 10,
    },
    {
      id: 'meetingName',
      label: 'Committee the report goes to',
      type: 'text',
      optional: true,
      placeholder: 'Cabinet',
      max: 80,
    },
    { id: 'meetingOn', label: 'Committee meets on', type: 'date', optional: true },
    {
      id: 'reportDeadline',
      label: 'Report ready by',
      type: 'date',
      optional: true,
      hint: 'Empty: 6 working days before the meeting, so its agenda can go out 5 clear days ahead.',
    },
  ];
}
