import type { ConsultationView, QuestionView } from '../answers/views';
import { ukWhen } from '../answers/when';

/** The consultation card: the same for everyone, with this person's answers when they have some. */
export function consultationView(
  c: {
    _id: string;
    title: string;
    summary: string;
    link?: string | null;
    questions: readonly { id: string; kind: string; prompt: string; options: readonly string[] }[];
    closesAt: Date;
    status: string;
  },
  how: {
    header: string;
    values?: Record<string, string>;
    errors?: Record<string, string>;
    note?: string;
    readOnly?: boolean;
  },
): ConsultationView {
  return {
    kind: 'consultation',
    id: c._id,
    header: how.header,
    title: c.title,
    summary: c.summary,
    link: c.link ?? undefined,
    closes: ukWhen(c.closesAt),
    questions: c.questions.map((q): QuestionView => ({
      id: q.id,
      kind: q.kind as QuestionView['kind'],
      prompt: q.prompt,
      options: [...q.options],
    })),
    values: how.values ?? {},
    errors: how.errors ?? {},
    note: how.note,
    readOnly: how.readOnly ?? c.status !== 'open',
  };
}
