import { Consultation, ConsultationResponse } from '../../models';
import type { ConsultationDoc, ResponseDoc } from '../../models/consultation';
import type { ConsultationResultsView, TallyView } from '../answers/views';
import { ukWhen } from '../answers/when';
import { batchCounts } from '../delivery/batch';
import type { Bar } from '../exports/chart';
import type { Table } from '../exports/table';
import type { Links } from '../links';
import { RATINGS } from './questions';

const SHOWN_ANSWERS = 5;

type Question = ConsultationDoc['questions'][number];

function choicesOf(q: Question): string[] {
  return q.kind === 'rating' ? RATINGS : [...q.options];
}

/** Counts for one choice, multiple-choice or rating question, in the order the choices were given. */
export function tallies(q: Question, responses: ResponseDoc[]): TallyView[] {
  const counts = new Map(choicesOf(q).map((c) => [c, 0]));
  let answered = 0;
  for (const r of responses) {
    const a = (r.answers as Record<string, unknown>)[q.id];
    if (a === undefined) continue;
    answered++;
    for (const label of Array.isArray(a) ? a : [a]) {
      const key = String(label);
      if (counts.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([label, count]) => ({
    label,
    count,
    percent: answered ? Math.round((count / answered) * 100) : 0,
  }));
}

export async function loadResults(id: string) {
  const c = (await Consultation.findById(id).lean()) as ConsultationDoc | null;
  if (!c) return undefined;
  const responses = (await ConsultationResponse.find({ consultation: id })
    .sort({ at: 1 })
    .lean()) as ResponseDoc[];
  return { c, responses };
}

export function chartBars(
  c: ConsultationDoc,
  questionId: string,
  responses: ResponseDoc[],
): Bar[] | undefined {
  const q = c.questions.find((x) => x.id === questionId);
  if (!q || q.kind === 'text') return undefined;
  return tallies(q, responses).map((t) => ({ label: t.label, value: t.count }));
}

/** The results card: counts and tallies per question, a chart for each choice, and exports. */
export async function consultationResults(
  id: string,
  links: Links,
): Promise<ConsultationResultsView | undefined> {
  const loaded = await loadResults(id);
  if (!loaded) return undefined;
  const { c, responses } = loaded;
  const { sent } = await batchCounts(`consultation:${id}`);
  const share = sent ? ` (${Math.round((responses.length / sent) * 100)}%)` : '';
  const when = c.status === 'open' ? `Open until ${ukWhen(c.closesAt)}` : `Closed ${ukWhen(c.closesAt)}`;
  return {
    kind: 'consultationResults',
    id,
    title: c.title,
    status: `${when}: ${responses.length.toLocaleString('en-GB')} responses from ${sent.toLocaleString('en-GB')} people${share}`,
    questions: c.questions.map((q) => {
      const texts =
        q.kind === 'text'
          ? responses
              .map((r) => (r.answers as Record<string, unknown>)[q.id])
              .filter((a): a is string => typeof a === 'string')
          : [];
      return {
        prompt: q.prompt,
        tallies: q.kind === 'text' ? [] : tallies(q, responses),
        chartUrl: q.kind === 'text' ? undefined : links.url(`/files/consultation/${id}/${q.id}.png`),
        answers: texts.slice(0, SHOWN_ANSWERS),
        answerCount: texts.length,
      };
    }),
    exports: [
      { label: 'Download CSV', url: links.url(`/files/consultation/${id}.csv`) },
      { label: 'Download Excel', url: links.url(`/files/consultation/${id}.xlsx`) },
    ],
  };
}

/** One row per response: who, when, through which channel, and each answer. */
export function resultsTable(c: ConsultationDoc, responses: ResponseDoc[]): Table {
  return {
    sheet: 'Responses',
    columns: ['Recipient', 'Name', 'Channel', 'Answered (UTC)', ...c.questions.map((q) => q.prompt)],
    rows: responses.map((r) => [
      r.recipient,
      r.name ?? '',
      r.channel,
      r.at.toISOString(),
      ...c.questions.map((q) => {
        const a = (r.answers as Record<string, unknown>)[q.id];
        return a === undefined ? null : Array.isArray(a) ? a.join('; ') : String(a);
      }),
    ]),
  };
}

/** The tallies as a second sheet, for the Excel export. */
export function talliesTable(c: ConsultationDoc, responses: ResponseDoc[]): Table {
  return {
    sheet: 'Summary',
    columns: ['Question', 'Choice', 'Count', 'Percent of those answering'],
    rows: c.questions
      .filter((q) => q.kind !== 'text')
      .flatMap((q) => tallies(q, responses).map((t) => [q.prompt, t.label, t.count, t.percent])),
  };
}
