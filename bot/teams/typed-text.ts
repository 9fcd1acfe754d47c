/**
 * What the person typed, from a Teams message's `text`, which is HTML: @mentions of the bot
 * (`<at>Golden Thread</at>`) go with their names, the placeholder of a card they shared (a message
 * extension's `<span class="inline-compose-card">`, an `<attachment>`) and formatting tags go,
 * and entities are decoded. A `<` that starts no tag ("BV38 < 40") stays.
 */
export function typedText(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .replace(/<at>.*?<\/at>/gs, ' ')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
};
