import type { TopLevelSpec } from 'vega-lite';
import { vegaLitePng } from './vega';

/** One line of a chart: its name in the legend and its points (yyyy-mm-dd, number). */
export interface Series {
  name: string;
  points: { date: string; value: number }[];
  /** Drawn dashed: an expectation rather than a measurement, told apart without colour. */
  dashed?: boolean;
}

// Colours with at least 3:1 contrast on white (WCAG 2.2 SC 1.4.11), and a dash to tell them apart.
const ACTUAL = '#1d70b8';
const EXPECTED = '#505a5f';

/**
 * A line chart as a PNG (what Teams cards and Slack image blocks show): dates along, values up, one
 * line per series with its points marked, a legend naming each. Drawn by Vega-Lite to SVG and
 * rasterised by resvg with the DejaVu Sans font, so it looks the same on every machine. `yTitle`
 * names the unit ("%", "per 1,000"). At most 600 × 260 px.
 */
export async function lineChartPng(title: string, series: Series[], yTitle = ''): Promise<Buffer> {
  const values = series.flatMap((s) => s.points.map((p) => ({ ...p, series: s.name })));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, anchor: 'start', fontSize: 14, font: 'DejaVu Sans' },
    width: 440,
    height: 180,
    background: '#ffffff',
    config: {
      font: 'DejaVu Sans',
      axis: { labelFontSize: 11, titleFontSize: 11 },
      legend: { labelFontSize: 11 },
    },
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'date', type: 'temporal', title: null, axis: { format: '%b %Y', tickCount: 6 } },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { zero: false } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: {
          domain: series.map((s) => s.name),
          range: series.map((s) => (s.dashed ? EXPECTED : ACTUAL)),
        },
        legend: { orient: 'bottom' },
      },
      strokeDash: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: series.map((s) => s.name), range: series.map((s) => (s.dashed ? [6, 4] : [1, 0])) },
      },
    },
  };
  return vegaLitePng(spec);
}
