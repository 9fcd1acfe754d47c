/**
 * What the person typed, from a Teams message's `text`, which is HTML: @mentions of the bot
 * (`<at>Golden Thread</at>`) go with their names, the placeholder of a card they shared (a message
 * extension's `<span class="inline-compose-card">`, an `<attachment>`) and formatting tags go,
 * and entities are decoded. A `<` that starts no tag ("BV38 < 40") stays.
 */
export function typedText(text: unknown): string {
  if (typeof text !== 'string') return '';
  // `[^<]*`, not `.*?`: a lazy dot rescans the rest of the text from every unclosed `<at>`, so one
  // message of many took minutes. Teams escapes a `<` in a name as `&lt;`, so no mention holds one.
  return text
    .replace(/<at>[^<]*<\/at>/g, ' ')
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
