import { MELTON_MATRIX, bandOf, matrixOf, positionText, score, stepOf } from '../../../services/risk/matrix';

// How a position on Melton's matrix (seed 004: probability A–F, impact I–IV) scores and bands.
test("Melton's scales: A is the most likely, I the most severe; a corner scores 1 and 24", () => {
  expect(score(MELTON_MATRIX, 'A', 'I')).toMatchObject({ score: 24, band: 'High' });
  expect(score(MELTON_MATRIX, 'F', 'IV')).toMatchObject({ score: 1, band: 'Low' });
});

test("the seed's two risks sit at D / III: Low probability, Marginal impact, 6 (Medium)", () => {
  const p = score(MELTON_MATRIX, 'D', 'III');
  expect(p).toMatchObject({ score: 6, band: 'Medium' });
  expect(positionText(p!)).toBe('D/III — Low probability, Marginal impact: 6 (Medium)');
});

test.each([
  ['B', 'II', 15, 'High'],
  ['C', 'II', 12, 'High'],
  ['D', 'II', 9, 'Medium'],
  ['B', 'IV', 5, 'Low'],
  ['E', 'III', 4, 'Low'],
])('%s/%s scores %i (%s)', (p, i, value, band) => {
  expect(score(MELTON_MATRIX, p, i)).toMatchObject({ score: value, band });
});

test('a label is a code or a name, in any case; anything else is off the matrix', () => {
  expect(score(MELTON_MATRIX, 'low', 'marginal')?.score).toBe(6);
  expect(stepOf(MELTON_MATRIX.impact, 'iii')?.code).toBe('III');
  expect(score(MELTON_MATRIX, 'G', 'III')).toBeUndefined();
  expect(score(MELTON_MATRIX, 'D', 'V')).toBeUndefined();
});

test("a plan's own scales and bands replace Melton's; parts it leaves out stay Melton's", () => {
  const m = matrixOf({
    riskMatrix: {
      probability: [
        { code: '3', name: 'Likely' },
        { code: '2', name: 'Possible' },
        { code: '1', name: 'Rare' },
      ],
      impact: [
        { code: 'H', name: 'Major' },
        { code: 'L', name: 'Minor' },
      ],
    },
  });
  expect(score(m, '3', 'H')).toMatchObject({ score: 6, band: 'Medium' });
  expect(score(m, 'A', 'I')).toBeUndefined();
  expect(m.bands).toEqual(MELTON_MATRIX.bands);
  expect(
    bandOf(
      {
        ...m,
        bands: [
          { name: 'Act now', from: 4 },
          { name: 'Watch', from: 1 },
        ],
      },
      4,
    ),
  ).toBe('Act now');
  expect(matrixOf(undefined)).toEqual(MELTON_MATRIX);
});
