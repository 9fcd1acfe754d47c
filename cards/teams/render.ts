import * as ACData from 'adaptivecards-templating';
import { UPDATE_FIELDS, type UpdateField, type View } from '../../services/answers/views';
import { display } from '../display';
import help from './help.json';
import list from './list.json';
import notice from './notice.json';
import cycleStatus from './cycle-status.json';
import priorityStatus from './priority-status.json';
import submitted from './submitted.json';
import updateForm from './update-form.json';

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: Record<string, unknown>;
}

const RAG_COLOUR = { red: 'Attention', amber: 'Warning', green: 'Good' } as const;

// Parsing a template is most of the cost of expanding it, and the templates never change.
const parsed = new Map<object, ACData.Template>();

function expand(template: object, data: object): CardAttachment {
  let compiled = parsed.get(template);
  if (!compiled) parsed.set(template, (compiled = new ACData.Template(template)));
  const content = compiled.expand({ $root: data }) as Record<string, unknown>;
  return { contentType: 'application/vnd.microsoft.card.adaptive', content };
}

/** Every form field present, so the template shows empty inputs rather than "${values.x}". */
function fill(values: Partial<Record<UpdateField, string>>): Record<UpdateField, string> {
  return Object.fromEntries(UPDATE_FIELDS.map((f) => [f, values[f] ?? ''])) as Record<UpdateField, string>;
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
    case 'updateForm':
      return expand(updateForm, {
        header: view.header,
        problem: view.problem ?? '',
        code: view.target.code,
        targetText: view.target.text,
        figures: view.target.figures,
        latest: view.target.latest ? `Last reported: ${view.target.latest}` : '',
        valueLabel: display.valueLabel(view.target.unit),
        values: fill(view.values),
        errors: fill(view.errors),
        cycleId: view.cycle.id,
        targetId: view.target.id,
      });
    case 'submitted':
      return expand(submitted, { ...view, note: view.note ?? '' });
    case 'cycleStatus':
      return expand(cycleStatus, {
        name: view.name,
        due: view.due,
        totalsText: display.tally(view.totals),
        byAim: view.byAim.map((r) => ({ name: r.name, text: display.tally(r) })),
        byOwner: view.byOwner.map((r) => ({ name: r.name, text: display.tally(r) })),
        actions: view.remind ? [{ title: 'Remind outstanding now', ask: view.remind }] : [],
      });
  }
}
