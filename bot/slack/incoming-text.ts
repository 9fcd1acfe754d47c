/** Who "me" is when reading a Slack message: mentions of the bot go, mentions of anyone else stay. */
export interface Reader {
  /** The bot's own Slack user id (auth.test `user_id`, or the event's `authorizations`), if known. */
  botUserId?: string;
  /**
   * The text is an `app_mention`: Slack sends one only when the bot was mentioned, and people (and
   * Slack's composer) put that mention first, so while the bot's id is not known a leading mention
   * is taken to be the bot's.
   */
  mentioned?: boolean;
}

/**
 * What the person typed, from text as Slack encodes it (Slack docs, "Formatting text for app
 * surfaces": "Escaping text", "Linking to channels and users", "Linking to URLs", "Special
 * mentions", "Date formatting"): the same for a message event, an app_mention and a slash command.
 * - `<mailto:kim@example.org|kim@example.org>` → `kim@example.org`; `<https://…|label>` → `label`,
 *   `<https://…>` → the URL (a `mailto:` without a label → the address);
 * - `<@U…>` (or `<@U…|name>`) → nothing for the bot, `@name` or `@U…` for anyone else;
 * - `<#C…|name>` → `#name` (`#C…` without a name); `<!here>`, `<!channel>`, `<!everyone>` →
 *   `@here` …; `<!subteam^S…|@team>` and `<!date^…|fallback>` → their label;
 * - `&amp;` `&lt;` `&gt;` → `&` `<` `>` — Slack escapes only these three.
 * A `<…>` that is none of these (Slack would have escaped a `<` the person typed, but a command's
 * text is taken as it comes) is left as it is. Whitespace runs become one space; the result is
 * trimmed. Not a string → ''.
 */
export function incomingText(text: unknown, reader: Reader = {}): string {
  if (typeof text !== 'string') return '';
  // `[^<>]*`: each `<` is read up to the next `<` or `>` and no further, so the scan is linear.
  const bot = reader.botUserId ?? (reader.mentioned ? LEADING_MENTION.exec(text)?.[1] : undefined);
  return text
    .replace(/<([^<>]*)>/g, (whole, inside: string) => decoded(inside, bot) ?? whole)
    .replace(/&(amp|lt|gt);/g, (_, name: 'amp' | 'lt' | 'gt') => ENTITIES[name])
    .replace(/\s+/g, ' ')
    .trim();
}

const LEADING_MENTION = /^\s*<@([UW][A-Z0-9]+)[|>]/;
/** What Slack puts before the `|` of a link: a reference (`@U…`, `#C…`, `!here`) or a URL. */
const REFERENCE = /^[@#!]\S+$/;
const URL = /^[a-z][a-z\d+.-]*:\S+$/i;
const ENTITIES = { amp: '&', lt: '<', gt: '>' } as const;
const SPECIAL = new Set(['here', 'channel', 'everyone']);

/** The text standing for one `<target|label>`, or undefined when it is not Slack's markup. */
function decoded(inside: string, bot: string | undefined): string | undefined {
  const bar = inside.indexOf('|');
  const target = bar < 0 ? inside : inside.slice(0, bar);
  const label = bar < 0 ? '' : inside.slice(bar + 1).trim();
  if (URL.test(target)) return label || (/^mailto:/i.test(target) ? target.slice('mailto:'.length) : target);
  if (!REFERENCE.test(target)) return undefined;
  const id = target.slice(1);
  switch (target.charAt(0)) {
    case '@':
      // A space, not nothing, so "<@UBOT>status" still reads as one word after another.
      return id === bot ? ' ' : `@${label || id}`;
    case '#':
      return `#${label || id}`;
    default: {
      const [kind = '', ...rest] = id.split('^');
      if (SPECIAL.has(kind)) return `@${kind}`;
      return label || `@${rest[0] ?? kind}`;
    }
  }
}
