/** Turns an Adaptive Card into lines a terminal can show: text blocks, facts, and buttons. */
export function cardText(card: unknown, indent = ''): string[] {
  if (!card || typeof card !== 'object') return [];
  const node = card as Record<string, unknown>;
  const lines: string[] = [];
  switch (node.type) {
    case 'TextBlock':
      if (typeof node.text === 'string') lines.push(`${indent}${node.text}`);
      break;
    case 'RichTextBlock': {
      const runs = (node.inlines as { text?: unknown }[] | undefined) ?? [];
      lines.push(`${indent}${runs.map((r) => (typeof r.text === 'string' ? r.text : '')).join('')}`);
      break;
    }
    case 'FactSet':
      // Facts arrive Markdown-escaped (cards/teams/inert.ts); a terminal shows them as written.
      for (const fact of (node.facts as { title?: string; value?: string }[] | undefined) ?? [])
        lines.push(`${indent}  ${unescape(fact.title)}: ${unescape(fact.value)}`);
      break;
    default:
      for (const key of ['body', 'items', 'columns']) {
        for (const child of (node[key] as unknown[] | undefined) ?? [])
          lines.push(...cardText(child, indent));
      }
      if (node.type === 'Container' && node.separator) lines.unshift(`${indent}—`);
  }
  const actions = (node.actions as { title?: string }[] | undefined) ?? [];
  if (actions.length) lines.push(`${indent}[${actions.map((a) => a.title).join('] [')}]`);
  return lines;
}

/** Markdown's backslash escapes undone: `\*` → `*` (CommonMark escapes any ASCII punctuation). */
const unescape = (text: string | undefined) => (text ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
