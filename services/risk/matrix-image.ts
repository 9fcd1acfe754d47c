import type { TopLevelSpec } from 'vega-lite';
import { vegaLitePng } from '../exports/vega';
import { score, type RiskMatrix } from './matrix';

/**
 * Band fills, highest band first: light tints that keep dark text at more than 4.5:1 (WCAG 2.2
 * SC 1.4.3). Every cell also says its band in words, so colour is never the only sign.
 */
export const BAND_FILLS = ['#f6d5d1', '#fbe7b5', '#dcebdc', '#e3e6ea', '#d9e5f2'];
const TEXT = '#0b0c0c';

/** One risk on the grid: its id and its position's codes. */
export interface Placed {
  id: string;
  probability: string;
  impact: string;
}

/**
 * The risk matrix as a PNG, as Melton prints it (seed 004): probability down the side, highest at
 * the top (A Very High … F Almost Impossible), impact along the bottom, least at the left (IV
 * Negligible … I Catastrophic). Each cell is shaded by its band and says the band's name; the ids
 * of the risks sitting there are written in it. Drawn by Vega-Lite and resvg with DejaVu Sans, as
 * services/exports/line-chart.ts draws. Risks not on the matrix are left out (the import refuses them).
 */
export async function riskMatrixPng(title: string, matrix: RiskMatrix, risks: Placed[]): Promise<Buffer> {
  const impacts = [...matrix.impact].reverse();
  const rowName = (s: { code: string; name: string }) => `${s.code} ${s.name}`;
  const cells = matrix.probability.flatMap((p) =>
    impacts.map((i) => {
      const at = score(matrix, p.code, i.code);
      const here = risks.filter((r) => {
        const pos = score(matrix, r.probability, r.impact);
        return pos?.probability.code === p.code && pos.impact.code === i.code;
      });
      return {
        probability: rowName(p),
        impact: rowName(i),
        band: at?.band ?? '',
        label: `${at?.band ?? ''} ${at?.score ?? ''}`,
        ids: here.map((r) => r.id).join(', '),
      };
    }),
  );
  const bandNames = matrix.bands.map((b) => b.name);
  const width = Math.min(760, 150 * impacts.length);
  const height = 80 * matrix.probability.length;
  const encoding = {
    x: {
      field: 'impact',
      type: 'ordinal' as const,
      sort: impacts.map(rowName),
      title: 'Impact →',
      axis: { labelAngle: 0, labelLimit: 0, orient: 'bottom' as const },
    },
    y: {
      field: 'probability',
      type: 'ordinal' as const,
      sort: matrix.probability.map(rowName),
      title: 'Probability ↓',
      axis: { labelLimit: 0 },
    },
  };
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, anchor: 'start', fontSize: 20, font: 'DejaVu Sans' },
    width,
    height,
    background: '#ffffff',
    config: {
      font: 'DejaVu Sans',
      axis: { labelFontSize: 16, titleFontSize: 16, labelColor: TEXT, titleColor: TEXT },
      legend: { labelFontSize: 15, titleFontSize: 15 },
    },
    data: { values: cells },
    encoding,
    layer: [
      {
        mark: { type: 'rect', stroke: '#505a5f', strokeWidth: 1 },
        encoding: {
          fill: {
            field: 'band',
            type: 'nominal',
            title: 'Band',
            scale: {
              domain: bandNames,
              range: bandNames.map((_, n) => BAND_FILLS[n % BAND_FILLS.length] as string),
            },
            legend: { orient: 'bottom', labelColor: TEXT, titleColor: TEXT },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 15, color: TEXT, dy: -18 },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
      {
        mark: { type: 'text', fontSize: 22, fontWeight: 'bold', color: TEXT, dy: 12 },
        encoding: { text: { field: 'ids', type: 'nominal' } },
      },
    ],
  };
  return vegaLitePng(spec);
}
