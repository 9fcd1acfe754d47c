import * as PImage from 'pureimage';
import { PNG } from 'pngjs';

export interface Bar {
  label: string;
  value: number;
}

type Context = ReturnType<PImage.Bitmap['getContext']>;

/** Colours and sizes of the chart, exported so tests can find the bars by colour. */
export const CHART = {
  background: '#ffffff',
  bar: '#1d70b8',
  text: '#0b0c0c',
  muted: '#505a5f',
  defaultWidth: 600,
  minWidth: 320,
  maxWidth: 800,
  padding: 16,
  titleHeight: 32,
  rowHeight: 28,
  barHeight: 18,
} as const;

const TITLE_SIZE = 16;
const TEXT_SIZE = 13;
const GAP = 8;
// Family names are global in pureimage, so ours are prefixed to avoid clashing with another caller's;
// they go into ctx.font unquoted, as pureimage takes everything after the size as the family name.
const REGULAR = 'GoldenThread DejaVu Sans';
const BOLD = 'GoldenThread DejaVu Sans Bold';
const counts = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * A horizontal bar chart as a PNG (what Slack image blocks and Teams cards can show): one bar per
 * choice in the given order, scaled to the largest value, with its label on the left and its count on
 * the right. Negative or non-numeric values count as 0; labels too long for their column are cut
 * with "…". At most 800 px wide; the height grows with the number of bars.
 */
export function barChartPng(title: string, bars: Bar[], options: { width?: number } = {}): Buffer {
  loadFonts();
  const width = chartWidth(options.width);
  const values = bars.map((bar) => (Number.isFinite(bar.value) && bar.value > 0 ? bar.value : 0));
  const { padding, titleHeight, rowHeight, barHeight } = CHART;
  const height = padding * 2 + titleHeight + rowHeight * Math.max(1, bars.length);
  const image = PImage.make(width, height);
  const ctx = image.getContext('2d');
  ctx.fillStyle = CHART.background;
  ctx.fillRect(0, 0, width, height);

  ctx.fillStyle = CHART.text;
  ctx.font = `${TITLE_SIZE}px ${BOLD}`;
  ctx.fillText(fit(ctx, oneLine(title), width - 2 * padding), padding, padding + TITLE_SIZE);

  ctx.font = `${TEXT_SIZE}px ${REGULAR}`;
  const top = padding + titleHeight;
  if (bars.length === 0) {
    ctx.fillStyle = CHART.muted;
    ctx.fillText('No results yet', padding, baseline(top));
    return encode(image);
  }

  // Counts get at most a fifth of the width, so even an absurd number leaves room for the bars.
  const countSpace = Math.round(width / 5);
  const labels = values.map((v) => fit(ctx, counts.format(v), countSpace));
  const countWidth = Math.ceil(Math.max(...labels.map((l) => ctx.measureText(l).width))) + GAP;
  const labelWidth = Math.round(width * 0.3);
  const barX = padding + labelWidth + GAP;
  const barSpace = width - padding - countWidth - barX;
  const largest = Math.max(...values);

  bars.forEach((bar, i) => {
    const rowTop = top + i * rowHeight;
    const value = values[i] ?? 0;
    const length = largest > 0 && value > 0 ? Math.max(1, Math.round((value / largest) * barSpace)) : 0;
    ctx.fillStyle = CHART.bar;
    if (length > 0) ctx.fillRect(barX, rowTop + (rowHeight - barHeight) / 2, length, barHeight);
    ctx.fillStyle = CHART.text;
    ctx.fillText(fit(ctx, oneLine(bar.label), labelWidth), padding, baseline(rowTop));
    ctx.fillText(labels[i] ?? '', barX + length + GAP / 2, baseline(rowTop));
  });
  return encode(image);
}

let fontsLoaded = false;

// The TTFs come from the dejavu-fonts-ttf package, so no font file is copied into this repository.
function loadFonts(): void {
  if (fontsLoaded) return;
  PImage.registerFont(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), REGULAR).loadSync();
  PImage.registerFont(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'), BOLD).loadSync();
  fontsLoaded = true;
}

function chartWidth(wanted: number | undefined): number {
  if (wanted === undefined || !Number.isFinite(wanted)) return CHART.defaultWidth;
  return Math.round(Math.min(CHART.maxWidth, Math.max(CHART.minWidth, wanted)));
}

// Puts text's baseline where a 13 px line sits centred in its row.
function baseline(rowTop: number): number {
  return Math.round(rowTop + CHART.rowHeight / 2 + TEXT_SIZE * 0.35);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// Binary search for the longest prefix that fits with an ellipsis: labels may be thousands of characters.
function fit(ctx: Context, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = Array.from(text);
  const cut = (n: number): string => `${chars.slice(0, n).join('').trimEnd()}…`;
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(cut(mid)).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return cut(low);
}

function encode(image: PImage.Bitmap): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  // The "Up" filter suits rows that repeat the row above (flat bars, blank margins): the file comes out
  // smaller than with pngjs's per-row filter search, which is also many times slower under Jest.
  return PNG.sync.write(png, { filterType: 2, deflateStrategy: 0 });
}
