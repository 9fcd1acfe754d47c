import type { PNG } from 'pngjs';

/** Whether any pixel of a decoded PNG is exactly the colour `hex` ("#1d70b8"): a chart drew it. */
export function pngHas(png: PNG, hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) return true;
  return false;
}
