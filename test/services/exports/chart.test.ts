import { PNG } from 'pngjs';
import { barChartPng, CHART, type Bar } from '../../../services/exports/chart';

interface Band {
  row: number; // which bar slot the band sits in, counted from 0
  x: number;
  length: number;
}

const BAR = hex(CHART.bar);

function hex(colour: string): [number, number, number] {
  const n = parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function decode(buffer: Buffer): PNG {
  expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return PNG.sync.read(buffer);
}

function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i] ?? -1, png.data[i + 1] ?? -1, png.data[i + 2] ?? -1];
}

const isBar = (p: number[]): boolean => p[0] === BAR[0] && p[1] === BAR[1] && p[2] === BAR[2];
// Text is dark grey on white; its anti-aliased edges are greys, never the bar's blue.
const isText = (p: number[]): boolean => !isBar(p) && Math.max(...p) < 160;

function rowTop(slot: number): number {
  return CHART.padding + CHART.titleHeight + slot * CHART.rowHeight;
}

/** Finds each bar by sampling the row through the middle of every bar slot. */
function bands(png: PNG): Band[] {
  const found: Band[] = [];
  for (let slot = 0; rowTop(slot + 1) <= png.height; slot++) {
    const y = rowTop(slot) + CHART.rowHeight / 2;
    const xs = [...Array(png.width).keys()].filter((x) => isBar(pixel(png, x, y)));
    if (xs.length === 0) continue;
    const x = xs[0]!;
    expect(xs[xs.length - 1]! - x + 1).toBe(xs.length); // one solid run, no gaps
    found.push({ row: slot, x, length: xs.length });
  }
  return found;
}

function countPixels(
  png: PNG,
  test: (p: number[]) => boolean,
  x0 = 0,
  x1 = png.width,
  y0 = 0,
  y1 = png.height,
) {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (test(pixel(png, x, y))) n++;
  return n;
}

const bars = (...values: number[]): Bar[] => values.map((value, i) => ({ label: `Choice ${i + 1}`, value }));

describe('barChartPng', () => {
  it('is a PNG 600 px wide by default whose height grows with the number of bars', () => {
    const one = decode(barChartPng('T', bars(1)));
    const thirty = decode(barChartPng('T', bars(...Array.from({ length: 30 }, (_, i) => i + 1))));
    expect(one.width).toBe(600);
    expect(thirty.width).toBe(600);
    expect(thirty.height - one.height).toBe(29 * CHART.rowHeight);
  });

  it('takes a width option but never goes past 800 px', () => {
    expect(decode(barChartPng('T', bars(1), { width: 420 })).width).toBe(420);
    expect(decode(barChartPng('T', bars(1), { width: 5000 })).width).toBe(800);
    expect(decode(barChartPng('T', bars(1), { width: NaN })).width).toBe(600);
  });

  it('draws one bar per choice, in order, from one edge, with lengths proportional to the values', () => {
    const values = [120, 60, 30, 90, 1];
    const found = bands(decode(barChartPng('Results', bars(...values))));
    expect(found.map((b) => b.row)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(found.map((b) => b.x)).size).toBe(1);
    const longest = found[0]!.length;
    found.forEach((band, i) => {
      expect(Math.abs(band.length - (longest * values[i]!) / 120)).toBeLessThanOrEqual(1);
    });
    expect(found[4]!.length).toBeGreaterThanOrEqual(1);
  });

  it('draws each label to the left of its bar and its count to the right', () => {
    const png = decode(barChartPng('Results', bars(40, 10)));
    for (const band of bands(png)) {
      const y0 = rowTop(band.row);
      const y1 = y0 + CHART.rowHeight;
      expect(countPixels(png, isText, 0, band.x, y0, y1)).toBeGreaterThan(20);
      expect(countPixels(png, isText, band.x + band.length, png.width, y0, y1)).toBeGreaterThan(10);
    }
    // and a title above the bars
    expect(countPixels(png, isText, 0, png.width, 0, rowTop(0))).toBeGreaterThan(50);
  });

  it('cuts a very long label short instead of running it into the bar or off the image', () => {
    const long = [{ label: 'An extremely long consultation choice '.repeat(200), value: 5 }];
    const png = decode(barChartPng('Results', long));
    const short = bands(decode(barChartPng('Results', [{ label: 'Short', value: 5 }])));
    const [band] = bands(png);
    expect(band).toEqual(short[0]);
    expect(countPixels(png, isText, band!.x - 6, band!.x, rowTop(0), rowTop(1))).toBe(0);
  });

  it('draws 30 bars', () => {
    const values = Array.from({ length: 30 }, (_, i) => (i + 1) * 2);
    const found = bands(decode(barChartPng('Thirty', bars(...values))));
    expect(found).toHaveLength(30);
    found.forEach((band, i) => {
      expect(Math.abs(band.length - (found[29]!.length * values[i]!) / 60)).toBeLessThanOrEqual(1);
    });
  });

  it('copes with no bars, drawing a message and no bar', () => {
    const png = decode(barChartPng('Nothing yet', []));
    expect(png.width).toBe(600);
    expect(countPixels(png, isBar)).toBe(0);
    expect(countPixels(png, isText, 0, png.width, rowTop(0), png.height)).toBeGreaterThan(20);
  });

  it('copes with all-zero values: a row per choice, no bars', () => {
    const png = decode(barChartPng('Zero', bars(0, 0, 0)));
    expect(png.height).toBe(decode(barChartPng('Zero', bars(1, 1, 1))).height);
    expect(countPixels(png, isBar)).toBe(0);
  });

  it('treats negative, NaN and infinite values as 0', () => {
    const found = bands(decode(barChartPng('Odd', bars(-5, NaN, 10, Infinity))));
    const clean = bands(decode(barChartPng('Odd', bars(0, 0, 10, 0))));
    expect(found).toEqual(clean);
    expect(found).toHaveLength(1);
    expect(found[0]!.row).toBe(2);
  });
});
