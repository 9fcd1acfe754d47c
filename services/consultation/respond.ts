import { Consultation, ConsultationResponse, Delivery } from '../../models';
import type { ConsultationDoc, ResponseDoc } from '../../models/consultation';
import type { ConsultationView, NoticeView, QuestionView } from '../answers/views';
import { ukWhen } from '../answers/when';
import type { Logger } from '../log/logger';
import { displayName } from '../people/names';
import { answersAsValues, checkAnswers } from './questions';
import { consultationView } from './view';
import { notice } from '../answers/notice';

/** Who is answering, from the platform's own record of the activity, never from the card. */
export interface Responder {
  /** Their person in the plan, when the account is linked to one. */
  personId?: string;
  /** "teams:<id>" or "slack:<id>": how a channel member outside the plan's people is known. */
  account: string;
  name: string;
  channel: 'teams' | 'slack';
}

/** Whom the consultation was sent to under this responder's keys: one response per recipient. */
async function recipientKey(id: string, r: Responder): Promise<string | undefined> {
  for (const key of [r.personId, r.account].filter((k): k is string => !!k))
    if (await Delivery.exists({ _id: `consultation:${id}>${key}` })) return key;
  return undefined;
}

/**
 * Records an answer, or returns the form with the errors beside the questions and what was typed
 * kept. Answering again before closing replaces the earlier answer (one response per person).
 */
export async function answerConsultation(
  id: string,
  responder: Responder,
  raw: Record<string, unknown>,
  now: Date,
  log: Logger,
): Promise<ConsultationView | NoticeView> {
  const c = (await Consultation.findById(id).lean()) as ConsultationDoc | null;
  if (!c) return notice('That consultation no longer exists, so nothing was recorded.');
  const recipient = await recipientKey(id, responder);
  if (!recipient) {
    log.warn(
      { consultation: id, account: responder.account },
      'Consultation answer refused: not a recipient',
    );
    return notice(`"${c.title}" was not sent to you, so your answer was not recorded.`);
  }
  const typed = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.map(String).join(',') : String(v ?? '')]),
  );
  if (c.status !== 'open' || now >= c.closesAt)
    return consultationView(c, {
      header: `This consultation closed on ${ukWhen(c.closesAt)}`,
      values: typed,
      note: 'Answers are no longer taken; nothing was recorded.',
      readOnly: true,
    });
  const checked = checkAnswers(c.questions as QuestionView[], raw);
  if (!checked.ok)
    return consultationView(c, {
      header: 'Please check the answers marked below',
      values: typed,
      errors: checked.errors,
    });
  const _id = `${id}|${recipient}`;
  const before = (await ConsultationResponse.findById(_id, {
    edits: 1,
    answers: 1,
  }).lean()) as ResponseDoc | null;
  const same = before && JSON.stringify(before.answers) === JSON.stringify(checked.answers);
  if (!same)
    await ConsultationResponse.replaceOne(
      { _id },
      {
        _id,
        consultation: id,
        recipient,
        name: await displayName(responder.personId, responder.name),
        answers: checked.answers,
        channel: responder.channel,
        at: now,
        edits: before ? (before.edits ?? 0) + 1 : 0,
      },
      { upsert: true },
    );
  log.info({ consultation: id, recipient, edit: !!before }, 'Consultation answer recorded');
  return consultationView(c, {
    header: before && !same ? 'Your answer was updated' : 'Thank you: your answer was recorded',
    values: answersAsValues(c.questions as QuestionView[], checked.answers),
    note: `Recorded ${ukWhen(now)}. You can change it until ${ukWhen(c.closesAt)}.`,
  });
}

/** The card for someone reopening the consultation: their own answers filled in. */
export async function consultationFor(
  id: string,
  responder: Responder,
): Promise<ConsultationView | NoticeView> {
  const c = (await Consultation.findById(id).lean()) as ConsultationDoc | null;
  if (!c) return notice('That consultation no longer exists.');
  const key = (await recipientKey(id, responder)) ?? responder.account;
  const mine = (await ConsultationResponse.findById(`${id}|${key}`).lean()) as ResponseDoc | null;
  return consultationView(c, {
    header: mine ? 'Your answer (you can change it until it closes)' : 'Consultation',
    values: mine
      ? answersAsValues(c.questions as QuestionView[], mine.answers as Record<string, unknown>)
      : {},
  });
}
