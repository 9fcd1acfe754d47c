import * as ACData from 'adaptivecards-templating';
import type { View } from '../../services/answers/views';
import { display } from '../display';
import help from './help.json';
import list from './list.json';
import notice from './notice.json';
import priorityStatus from './priority-status.json';

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: Record<string, unknown>;
}

const RAG_COLOUR = { red: 'Attention', amber: 'Warning', green: 'Good' } as const;

function expand(template: object, data: object): CardAttachment {
  const content = new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>;
  return { contentType: 'application/vnd.microsoft.card.adaptive', content };
}

/** Renders a reply's view as an Adaptive Card 1.5 through its template. */
export function renderTeams(view: View): CardAttachment {
  switch (view.kind) {
    case 'priorityStatus':
      return expand(priorityStatus, {
        heading: display.priorityHeading(view),
        title: view.title,
        targets: view.targets.map((t) => ({
          text: t.text,
          pi: display.pi(t),
          figures: t.figures,
          latestText: display.latest(t),
          ragColour: t.latest?.rag ? RAG_COLOUR[t.latest.rag] : 'Default',
          commentary: t.latest?.commentary ?? '',
          footer: display.footer(t),
        })),
      });
    case 'list':
      return expand(list, {
        title: view.title,
        intro: view.intro ?? '',
        items: view.items.map((i) => ({ heading: display.itemHeading(i), detail: i.detail ?? '' })),
        moreText: view.more ? display.more(view.more.count) : '',
        actions: view.more ? [{ title: 'Show more', ask: view.more.ask }] : [],
      });
    case 'help':
      return expand(help, { examples: view.examples, buttons: view.examples.slice(0, 3) });
    case 'notice':
      return expand(notice, { text: view.text, suggestions: view.suggestions.slice(0, 3) });
  }
}
