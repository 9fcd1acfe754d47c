import type { TopLevelSpec } from 'vega-lite';
import { vegaLitePng } from '../exports/vega';
import { GROUP_WORDS, RAG_GROUPS, type ReportModel } from './model';

// GOV.UK design system colours, each at least 3:1 on white (WCAG 2.2 SC 1.4.11) except "not
// reported", which is drawn with a dark outline; every segment is also labelled with its count and
// the legend names each group in words, so no group is told apart by colour alone (SC 1.4.1).
const COLOURS: Record<(typeof RAG_GROUPS)[number], string> = {
  red: '#d4351c',
  amber: '#f47738',
  green: '#00703c',
  noRag: '#505a5f',
  notReported: '#f3f2f1',
};
const BAR_HEIGHT = 26;

/**
 * RAG by aim as a PNG: one horizontal bar per aim, stacked Red, Amber, Green, No RAG, Not reported,
 * each segment labelled with its count. Drawn by Vega-Lite to SVG and rasterised by resvg with
 * DejaVu Sans (as services/exports/line-chart.ts), so it looks the same on every machine and draws
 * Welsh and other non-ASCII aim names. 640 px wide; 26 px a bar. A draft's title says DRAFT.
 */
export async function ragByAimPng(model: ReportModel): Promise<Buffer> {
  const values = model.aims.flatMap((a) =>
    RAG_GROUPS.filter((g) => a[g] > 0).map((g) => ({
      aim: a.name,
      group: GROUP_WORDS[g],
      order: RAG_GROUPS.indexOf(g),
      count: a[g],
    })),
  );
  const domain = RAG_GROUPS.map((g) => GROUP_WORDS[g]);
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `${model.draft ? 'DRAFT — ' : ''}RAG by aim: ${model.cycleName}`,
      anchor: 'start',
      fontSize: 14,
      font: 'DejaVu Sans',
    },
    width: 380,
    height: Math.max(1, model.aims.length) * BAR_HEIGHT,
    background: '#ffffff',
    config: {
      font: 'DejaVu Sans',
      axis: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
      legend: { labelFontSize: 11 },
    },
    data: { values },
    encoding: {
      y: { field: 'aim', type: 'nominal', title: null, sort: model.aims.map((a) => a.name) },
      x: { field: 'count', type: 'quantitative', stack: 'zero', title: 'Targets', axis: { tickMinStep: 1 } },
    },
    layer: [
      {
        mark: { type: 'bar', stroke: '#0b0c0c', strokeWidth: 0.5 },
        encoding: {
          color: {
            field: 'group',
            type: 'nominal',
            title: null,
            scale: { domain, range: RAG_GROUPS.map((g) => COLOURS[g]) },
            legend: { orient: 'bottom' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        mark: { type: 'text', dx: -4, align: 'right', fontSize: 11, fontWeight: 'bold' },
        encoding: {
          x: { field: 'count', type: 'quantitative', stack: 'zero' },
          text: { field: 'count', type: 'quantitative' },
          detail: { field: 'group', type: 'nominal' },
          order: { field: 'order', type: 'quantitative' },
          // White on the coloured segments, black on the pale "not reported" one.
          color: {
            condition: { test: `datum.group === '${GROUP_WORDS.notReported}'`, value: '#0b0c0c' },
            value: '#ffffff',
          },
        },
      },
    ],
  };
  return vegaLitePng(spec);
}

/** A chart's pixel size, read from the PNG header: for placing it in the Word document at scale. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
