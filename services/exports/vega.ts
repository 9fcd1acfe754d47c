import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

// DejaVu Sans from the dejavu-fonts-ttf package: no system font is read, so a chart looks the same
// on every machine, and no font file is copied into this repository.
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** A Vega-Lite spec drawn as SVG text (Vega's headless renderer: no canvas, no browser). */
export async function vegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG rasterised to a PNG by resvg, on white, with DejaVu Sans for every text. */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [FONT], defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  })
    .render()
    .asPng();
}

/**
 * A Vega-Lite spec as a PNG: what Teams cards, Slack image blocks and Word documents show. Used by
 * every chart the bot draws (history, the report's charts, the risk matrix).
 */
export async function vegaLitePng(spec: TopLevelSpec): Promise<Buffer> {
  return svgToPng(await vegaLiteSvg(spec));
}
