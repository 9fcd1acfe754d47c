import * as ACData from 'adaptivecards-templating';
import {
  UPDATE_FIELDS,
  type ComposeField,
  type PriorityStatusView,
  type UpdateField,
  type View,
} from '../../services/answers/views';
import { keptPerObject } from '../../services/answers/kept';
import { display } from '../display';
import { inertCard } from './inert';
import { readableColours } from './readable';
import { overflowActions } from './overflow';
import help from './help.json';
import list from './list.json';
import notice from './notice.json';
import cycleStatus from './cycle-status.json';
import priorityStatus from './priority-status.json';
import history from './history.json';
import submitted from './submitted.json';
import updateForm from './update-form.json';
import signOff from './sign-off.json';
import { RATINGS } from '../../services/consultation/questions';
import broadcastStatus from './broadcast-status.json';
import composeConsultation from './compose-consultation.json';
import consultation from './consultation.json';
import consultationResults from './consultation-results.json';
import workshop from './workshop.json';
import performanceReport from './performance-report.json';
import { reportCardData } from './performance-report';
import riskList from './risk-list.json';
import risk from './risk.json';
import riskReview from './risk-review.json';
import { riskData, riskListData, riskReviewData } from './risk-cards';
import openCycle from './open-cycle.json';
import publishWorkshop from './publish-workshop.json';
import editTarget from './edit-target.json';
import { editTargetCardData, openCycleCardData, publishWorkshopCardData } from './policy-forms';

export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: Record<string, unknown>;
}

// A RAG is a word and a shape on a tinted chip: the container styles' backgrounds carry dark text
// in Teams' light and dark themes alike, where coloured text does not (cards/teams/readable.ts).
const RAG_STYLE = { red: 'attention', amber: 'warning', green: 'good' } as const;

// Parsing a template is most of the cost of expanding it, and the templates never change.
const parsed = new Map<object, ACData.Template>();

// Every card leaves through here: user text is made inert after expansion (cards/teams/inert.ts), so
// a template cannot forget to, and templates stay free of escaping.
function expand(template: object, data: object): CardAttachment {
  let compiled = parsed.get(template);
  if (!compiled) parsed.set(template, (compiled = new ACData.Template(template)));
  // …and coloured text is made readable in Teams' light and dark themes (cards/teams/readable.ts),
  // and no row of buttons is so wide that Teams cuts their titles (cards/teams/overflow.ts).
  const content = overflowActions(readableColours(inertCard(compiled.expand({ $root: data })))) as Record<
    string,
    unknown
  >;
  return { contentType: 'application/vnd.microsoft.card.adaptive', content };
}

/**
 * A priority's card. Its view is kept with the plan snapshot and shared by every asker
 * (services/answers/answer.ts `priorityStatus`), and the card depends on nothing but the view, so
 * it is expanded once per view and the same frozen card goes to everyone.
 */
const statusCard = keptPerObject((view: PriorityStatusView) =>
  expand(priorityStatus, {
    heading: display.priorityHeading(view),
    title: view.title,
    targets: view.targets.map((t) => ({
      text: t.text,
      pi: display.pi(t),
      figures: t.figures,
      latestText: display.latest(t),
      ragText: t.latest?.rag ? display.rag(t.latest.rag) : '',
      ragStyle: t.latest?.rag ? RAG_STYLE[t.latest.rag] : 'default',
      reason: t.reason ?? '',
      commentary: t.latest?.commentary ?? '',
      confirmed: display.confirmed(t),
      correctiveAction: display.correctiveAction(t.latest?.correctiveAction),
      outlook: display.outlook(t).map((line) => ({ line })),
      footer: display.footer(t),
    })),
  }),
);

/** Every form field present, so the template shows empty inputs rather than "${values.x}". */
function fill(values: Partial<Record<UpdateField, string>>): Record<UpdateField, string> {
  return Object.fromEntries(UPDATE_FIELDS.map((f) => [f, values[f] ?? ''])) as Record<UpdateField, string>;
}

/** Renders a reply's view as an Adaptive Card 1.5 through its template. */
export function renderTeams(view: View): CardAttachment {
  switch (view.kind) {
    case 'performanceReport':
      return expand(performanceReport, reportCardData(view));
    case 'riskList':
      return expand(riskList, riskListData(view));
    case 'risk':
      return expand(risk, riskData(view));
    case 'riskReview':
      return expand(riskReview, riskReviewData(view));
    case 'openCycleForm':
      return expand(openCycle, openCycleCardData(view));
    case 'publishWorkshopForm':
      return expand(publishWorkshop, publishWorkshopCardData(view));
    case 'editTargetForm':
      return expand(editTarget, editTargetCardData(view));
    case 'history':
      return expand(history, {
        heading: display.historyHeading(view),
        title: view.title,
        targets: view.targets.map((t) => ({
          text: t.text,
          chartUrl: t.chartUrl ?? '',
          chartAlt: display.historyChartAlt(t),
          none: t.none ?? '',
          updates: t.updates.map((u) => ({
            headline: display.historyHeadline(u),
            reason: u.reason ?? '',
            commentary: u.commentary ?? '',
            correctiveAction: display.correctiveAction(u.correctiveAction),
            by: u.by,
          })),
          moreText: display.historyMore(t.more),
        })),
      });
    case 'priorityStatus':
      return statusCard(view);
    case 'list':
      return expand(list, {
        title: view.title,
        plan: view.plan ?? '',
        intro: view.intro ?? '',
        pageText: display.page(view),
        items: view.items.map((i, n) => ({
          groupText: display.groupHeading(view.items, n),
          heading: display.itemHeading(i),
          detail: i.detail ?? '',
          reason: i.reason ?? '',
          ragText: i.rag ? display.rag(i.rag) : '',
          ragStyle: i.rag ? RAG_STYLE[i.rag] : 'default',
          openTitle: i.open?.label ?? '',
          openAsk: i.open?.ask ?? '',
          updateTitle: i.update ? display.updateButton : '',
          updateCycle: i.update?.cycle ?? '',
          updateTarget: i.update?.target ?? '',
        })),
        moreText: view.more ? display.more(view.more.count) : '',
        actions: [
          ...(view.more ? [{ title: 'Show more', ask: view.more.ask }] : []),
          // The same question in the other plans that answer it ("themes in York").
          ...(view.also ?? []).map((a) => ({ title: a.label, ask: a.ask })),
        ],
      });
    case 'help':
      return expand(help, { examples: view.examples, buttons: view.examples.slice(0, 3) });
    case 'notice':
      return expand(notice, {
        text: view.text,
        suggestions: view.suggestions.slice(0, 3),
        links: view.links ?? [],
      });
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
        // Asked for when the figure is Amber or Red; the checks say when it is required (Red).
        correctiveLabel:
          'Corrective action — what is being done to bring it back on track (required for Red)',
        cycleId: view.cycle.id,
        targetId: view.target.id,
      });
    case 'signOff':
      return expand(signOff, {
        header: view.header,
        code: view.code,
        targetText: view.targetText,
        statusText: display.signOffStatus(view),
        statusStyle: view.outcome === 'returned' ? 'attention' : view.outcome ? 'good' : 'warning',
        summary: view.summary,
        reason: view.reason ?? '',
        facts: display.signOffFacts(view),
        by: view.by,
        decided: view.decided ?? '',
        comment: view.comment ?? '',
        error: view.error ?? '',
        update: view.update,
        // Card data is text: the step comes back as "1" and is read as a number at the edge.
        step: String(view.step),
      });
    case 'submitted':
      return expand(submitted, { ...view, note: view.note ?? '', reason: view.reason ?? '' });
    case 'cycleStatus':
      return expand(cycleStatus, {
        name: view.name,
        due: view.due,
        meeting: view.meeting ?? '',
        totalsText: display.tally(view.totals),
        byAim: view.byAim.map((r) => ({ name: r.name, text: display.tally(r) })),
        byOwner: view.byOwner.map((r) => ({ name: r.name, text: display.tally(r) })),
        actions: view.remind ? [{ title: 'Remind outstanding now', ask: view.remind }] : [],
      });
    case 'consultation':
      return expand(consultation, {
        ...view,
        link: view.link ?? '',
        note: view.note ?? '',
        questions: view.questions.map((q) => ({
          id: q.id,
          kind: q.kind,
          prompt: q.prompt,
          value: view.values[q.id] ?? '',
          error: view.errors[q.id] ?? '',
          style: q.kind === 'rating' ? 'expanded' : 'compact',
          multiple: q.kind === 'multiple',
          choices: (q.kind === 'rating' ? RATINGS : q.options).map((title, i) => ({
            title,
            value: q.kind === 'rating' ? title : String(i),
          })),
        })),
      });
    case 'consultationResults':
      return expand(consultationResults, {
        ...view,
        questions: view.questions.map((q) => ({
          prompt: q.prompt,
          tallies: q.tallies.map((t) => ({ label: t.label, text: `${t.count} (${t.percent}%)` })),
          chartUrl: q.chartUrl ?? '',
          answers: q.answers,
          answersText:
            q.answerCount > q.answers.length ? `${q.answerCount} answers in all: see the export.` : '',
        })),
      });
    case 'composeConsultation':
      return expand(composeConsultation, {
        problem: view.problem ?? '',
        fields: COMPOSE_FIELDS.map((f) => ({
          ...f,
          value: view.values[f.id] ?? '',
          error: view.errors[f.id] ?? '',
        })),
      });
    case 'workshop':
      return expand(workshop, {
        ...view,
        answer: view.answer ?? '',
        cancelled: !!view.cancelled,
        facts: [
          { title: 'When', value: view.when },
          ...(view.where || view.link
            ? [
                {
                  title: 'Where',
                  value: view.where ? `${view.where}${view.link ? ', or online' : ''}` : 'Online',
                },
              ]
            : []),
          ...(view.places ? [{ title: 'Places', value: view.places }] : []),
        ],
        choices: view.readOnly
          ? []
          : (['attend', 'decline', 'maybe'] as const).map((answer) => ({
              workshop: view.id,
              answer,
              title: answer === 'attend' ? 'Attend' : answer === 'decline' ? 'Decline' : 'Maybe',
            })),
        links: [
          ...(view.link ? [{ title: 'Join online', url: view.link }] : []),
          ...(view.calendarUrl ? [{ title: 'Add to calendar', url: view.calendarUrl }] : []),
        ],
      });
    case 'broadcastStatus':
      return expand(broadcastStatus, {
        ...view,
        ...Object.fromEntries(Object.entries(view.counts).map(([k, n]) => [k, n.toLocaleString('en-GB')])),
        note: view.note ?? '',
        actions: view.actions.map((a) => ({
          broadcast: view.id,
          do: a,
          title: a === 'approve' ? 'Approve and send' : a === 'cancel' ? 'Cancel' : 'Resend failed',
        })),
      });
  }
}

/** The compose form's fields, in order, with the hints a policy officer needs. */
const COMPOSE_FIELDS: { id: ComposeField; label: string; placeholder: string; multiline: boolean }[] = [
  { id: 'title', label: 'Title', placeholder: 'Budget 2027/28: have your say', multiline: false },
  { id: 'summary', label: 'Summary', placeholder: 'What it is about and why it matters', multiline: true },
  { id: 'link', label: 'Link to the document (optional)', placeholder: 'https://', multiline: false },
  {
    id: 'questions',
    label: 'Questions, one a line',
    placeholder: 'single: Do you agree? | Yes | No\nrating: How clear is it?\ntext: Anything else?',
    multiline: true,
  },
  {
    id: 'closes',
    label: 'Closes (London time)',
    placeholder: 'yyyy-mm-dd or yyyy-mm-dd hh:mm',
    multiline: false,
  },
  {
    id: 'nudgeDays',
    label: 'Remind non-responders this many days before closing',
    placeholder: '2',
    multiline: false,
  },
  {
    id: 'audience',
    label: 'Audience',
    placeholder: 'everyone · department: Housing · role: councillors · list: a@x.gov.uk, …',
    multiline: true,
  },
  {
    id: 'sendAt',
    label: 'Send at (optional; empty = now)',
    placeholder: 'yyyy-mm-dd hh:mm',
    multiline: false,
  },
];
