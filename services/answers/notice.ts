import type { NoticeView } from './views';

/** A plain message, with questions to ask next and links to open. */
export function notice(text: string, suggestions: string[] = [], links?: NoticeView['links']): NoticeView {
  return links ? { kind: 'notice', text, suggestions, links } : { kind: 'notice', text, suggestions };
}
