// Text colours a card may use and still be read in Teams' light and dark themes. WCAG 2.2 SC 1.4.3
// asks 4.5:1 for text. Measured with Teams' host configs (test/cards/contrast.test.ts):
//   Good #92c353 on white 2.07:1, Warning #f8d22a on white 1.47:1 (light theme);
//   Attention #d74654 on #2d2c2c 3.24:1 (dark theme).
// So no template colours text Good, Warning or Attention: such text is shown in the default colour
// on the container style of that name (a tinted background that both themes pair with dark text,
// 10:1 and more), which keeps the emphasis and makes it readable. One place for every card.
// Host configs: https://github.com/microsoft/AdaptiveCards/tree/main/samples/HostConfig
// (microsoft-teams-light.json, microsoft-teams-dark.json).

type Json = unknown;
type Node = Record<string, Json>;

/** Colours that are unreadable as text in one of Teams' themes, and the container style to use. */
const TINTS = new Map([
  ['good', 'good'],
  ['warning', 'warning'],
  ['attention', 'attention'],
]);
/** Colours kept as they are: the default, and Accent (5.4:1 light, 6.1:1 dark). Light and Dark are
 * each unreadable on one theme's background, so they become the default like the rest. */
const KEPT = new Set(['default', 'accent']);
// What a wrapping container takes over from the text block it wraps.
const LAYOUT = new Set(['spacing', 'separator', 'isVisible', 'height']);

/**
 * The expanded card with every text block (TextBlock, or RichTextBlock of TextRuns) coloured Good,
 * Warning or Attention moved onto a Container of that style in the default colour, and Light or
 * Dark text shown in the default colour. Returns a new tree; the input is not changed.
 */
export function readableColours(node: Json): Json {
  if (Array.isArray(node)) return node.map(readableColours);
  if (!isNode(node)) return node;
  if (node.type === 'TextBlock' || node.type === 'RichTextBlock') return readableText(node);
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) out[key] = readableColours(value);
  return out;
}

function readableText(block: Node): Node {
  const runs = Array.isArray(block.inlines) ? (block.inlines as Json[]) : undefined;
  const colours = [block, ...(runs ?? [])].map(colourOf).filter((c): c is string => !!c);
  if (colours.length === 0) return block;
  const plain = withoutColour(block);
  if (runs) plain.inlines = runs.map((r) => (isNode(r) ? withoutColour(r) : r));
  const tint = colours.map((c) => TINTS.get(c)).find(Boolean);
  if (!tint) return plain;
  const container: Node = { type: 'Container', style: tint };
  const inner: Node = {};
  for (const [key, value] of Object.entries(plain)) (LAYOUT.has(key) ? container : inner)[key] = value;
  container.items = [inner];
  return container;
}

const isNode = (value: Json): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);

/** A text colour this pass changes, lower case; undefined for none, the default or Accent. */
function colourOf(node: Json): string | undefined {
  const colour = isNode(node) && typeof node.color === 'string' ? node.color.toLowerCase() : undefined;
  return colour && !KEPT.has(colour) ? colour : undefined;
}

/** A copy of `node` without a colour this pass changes (Accent stays). */
function withoutColour(node: Node): Node {
  const changed = !!colourOf(node);
  return Object.fromEntries(Object.entries(node).filter(([key]) => !(changed && key === 'color')));
}
