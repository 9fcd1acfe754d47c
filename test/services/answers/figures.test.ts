import { figuresOf } from '../../../services/answers/figures';

// Issue 13: CSY.4's interim cell is labelled "Interim" in the seed; its figure read "Interim Interim: 0".
test('a figure is labelled by its name and period, never the name twice', () => {
  expect(
    figuresOf({
      baseline: { label: '2001/02', text: 'Baseline data still being collected.' },
      interim: { label: 'Interim', text: '0', value: 0 },
      final: { text: '89' },
    } as Parameters<typeof figuresOf>[0]),
  ).toEqual([
    { label: 'Baseline 2001/02', text: 'Baseline data still being collected.' },
    { label: 'Interim', text: '0' },
    { label: 'Target', text: '89' },
  ]);
});
