/**
 * Draws the Teams app icons (manifest/teams/color.png and outline.png): a golden thread woven
 * through a ring. Run with `npx tsx scripts/make-icons.ts`; the output is deterministic, so the
 * committed PNGs only change when this drawing does.
 *
 * PNG bytes are written by hand with node:zlib so that no image library is needed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

interface Style {
  size: number;
  background: Rgba;
  ring: Rgba;
  thread: Rgba;
  /** Everything below is in units of the icon's width, so both sizes share one drawing. */
  ringRadius: number;
  ringWidth: number;
  threadWidth: number;
  threadAmplitude: number;
  threadHalfLength: number;
  /** The gap around whichever strand is on top, which is what makes the weave readable. */
  gap: number;
}

const GOLD: Rgba = [212, 160, 23, 255];
const LIGHT_GOLD: Rgba = [244, 200, 90, 255];
const NAVY: Rgba = [27, 58, 75, 255]; // the manifest's accentColor, so the tile matches the icon
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

// Teams crops the colour icon to a rounded tile and wants the symbol inside the middle ~60%.
const COLOR: Style = {
  size: 192,
  background: NAVY,
  ring: GOLD,
  thread: LIGHT_GOLD,
  ringRadius: 0.2,
  ringWidth: 0.065,
  threadWidth: 0.045,
  threadAmplitude: 0.07,
  threadHalfLength: 0.33,
  gap: 0.025,
};

// The outline icon must be white on transparent; at 32 px the strokes need to be fatter to survive.
const OUTLINE: Style = {
  size: 32,
  background: CLEAR,
  ring: WHITE,
  thread: WHITE,
  ringRadius: 0.28,
  ringWidth: 0.1,
  threadWidth: 0.085,
  threadAmplitude: 0.08,
  threadHalfLength: 0.44,
  gap: 0.045,
};

const SUPERSAMPLE = 4;

/** Distance from a point to the ring's stroke (negative inside it). */
function ringDistance(s: Style, x: number, y: number): number {
  return Math.abs(Math.hypot(x - 0.5, y - 0.5) - s.ringRadius) - s.ringWidth / 2;
}

/** Approximate distance to the thread: one sine wave across the ring, with round ends. */
function threadDistance(s: Style, x: number, y: number): number {
  const k = Math.PI / s.threadHalfLength;
  const cx = Math.min(Math.max(x, 0.5 - s.threadHalfLength), 0.5 + s.threadHalfLength);
  const cy = 0.5 + s.threadAmplitude * Math.sin(k * (cx - 0.5));
  const slope = s.threadAmplitude * k * Math.cos(k * (cx - 0.5));
  const across = cx === x ? Math.abs(y - cy) / Math.hypot(1, slope) : Math.hypot(x - cx, y - cy);
  return across - s.threadWidth / 2;
}

/** Premultiplied colour at one point: the thread passes over the ring on the left, under it on the right. */
function colourAt(s: Style, x: number, y: number): Rgba {
  const ring = ringDistance(s, x, y);
  const thread = threadDistance(s, x, y);
  const [top, topColour, bottom, bottomColour] =
    x < 0.5 ? [thread, s.thread, ring, s.ring] : [ring, s.ring, thread, s.thread];
  const colour = top < 0 ? topColour : top < s.gap ? s.background : bottom < 0 ? bottomColour : s.background;
  const a = colour[3] / 255;
  return [colour[0] * a, colour[1] * a, colour[2] * a, colour[3]];
}

function render(s: Style): Buffer {
  const rowBytes = 1 + s.size * 4;
  const raw = Buffer.alloc(rowBytes * s.size);
  for (let py = 0; py < s.size; py++) {
    raw[py * rowBytes] = 0; // filter type "None"
    for (let px = 0; px < s.size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt(
            s,
            (px + (sx + 0.5) / SUPERSAMPLE) / s.size,
            (py + (sy + 0.5) / SUPERSAMPLE) / s.size,
          );
          for (let i = 0; i < 4; i++) sum[i] = (sum[i] ?? 0) + (c[i] ?? 0);
        }
      }
      const n = SUPERSAMPLE * SUPERSAMPLE;
      const alpha = (sum[3] ?? 0) / n;
      const offset = py * rowBytes + 1 + px * 4;
      for (let i = 0; i < 3; i++) {
        // Un-premultiply so that edge pixels of a white shape stay pure white, only fainter.
        raw[offset + i] = alpha === 0 ? 0 : Math.round(((sum[i] ?? 0) / n / alpha) * 255);
      }
      raw[offset + 3] = Math.round(alpha);
    }
  }
  return encodePng(s.size, s.size, raw);
}

// node:zlib only gained crc32 in Node 20.15; the project supports 20.11.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG from rows that already carry their filter byte. */
function encodePng(width: number, height: number, filteredRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // colour type: RGBA
  // compression, filter and interlace methods stay 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function main(): void {
  const dir = path.join(__dirname, '..', 'manifest', 'teams');
  for (const [name, style] of [
    ['color.png', COLOR],
    ['outline.png', OUTLINE],
  ] as const) {
    const file = path.join(dir, name);
    writeFileSync(file, render(style));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${style.size}×${style.size})`);
  }
}

main();
