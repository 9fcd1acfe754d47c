import { Consultation, Person } from '../../models';
import type {
  ComposeConsultationView,
  ComposeField,
  ComposeValues,
  QuestionView,
  View,
} from '../answers/views';
import { londonDateTime, slug, ukWhen } from '../answers/when';
import { people } from '../answers/format';
import { AudienceError, resolveAudience } from '../broadcast/audience';
import {
  BroadcastError,
  broadcastStatus,
  findBroadcast,
  startBroadcast,
  tellAuthor,
  type BroadcastDeps,
} from '../broadcast/broadcast';
import type { Address } from '../delivery/outbox';
import { londonDaysBefore } from '../scheduling/london-time';
import { schedule } from '../scheduling/scheduler';
import { parseQuestions, QUESTIONS_HELP } from './questions';
import { consultationView } from './view';
import { notice } from '../answers/notice';

export interface ComposeRequest {
  values: ComposeValues;
  author: string;
  authorAddress?: Address;
  /** A preview goes to the author only and sends nothing. */
  mode: 'preview' | 'send';
}

export interface NewConsultation {
  _id: string;
  title: string;
  summary: string;
  link?: string;
  questions: QuestionView[];
  closesAt: Date;
  nudgeDaysBefore: number;
  author: string;
}

type Checked =
  | { ok: true; consultation: NewConsultation; sendAt: Date }
  | { ok: false; errors: Partial<Record<ComposeField, string>> };

/** Every field checked at once, so the form comes back with each problem beside its field. */
export function checkConsultation(values: ComposeValues, author: string, now: Date): Checked {
  const errors: Partial<Record<ComposeField, string>> = {};
  const text = (k: ComposeField) => (values[k] ?? '').trim();
  const title = text('title');
  if (title.length < 3 || title.length > 120) errors.title = 'Give it a title of 3 to 120 characters.';
  const summary = text('summary');
  // The platforms' own message limits are checked on the rendered card; this only stops abuse.
  if (summary.length < 10 || summary.length > 20_000)
    errors.summary = 'Say what it is about in 10 to 20,000 characters (or link to the document).';
  const link = text('link') || undefined;
  if (link && (!/^https:\/\/[^\s<>"]+$/i.test(link) || link.length > 500))
    errors.link = 'The link to the document must be a web address starting https://';
  const parsed = parseQuestions(values.questions ?? '');
  if ('error' in parsed) errors.questions = parsed.error;
  const closesAt = londonDateTime(text('closes'));
  if (!closesAt)
    errors.closes = 'Give the closing date as yyyy-mm-dd (17:00) or yyyy-mm-dd hh:mm, London time.';
  else if (closesAt.getTime() <= now.getTime() + 60 * 60 * 1000)
    errors.closes = `The closing date must be in the future (it is now ${ukWhen(now)}), at least an hour away.`;
  const sendAt = text('sendAt') ? londonDateTime(text('sendAt'), '09:00') : now;
  if (!sendAt)
    errors.sendAt = 'Give the send time as yyyy-mm-dd hh:mm, London time, or leave it empty to send now.';
  else if (sendAt.getTime() < now.getTime() - 60_000) errors.sendAt = 'The send time is in the past.';
  else if (closesAt && sendAt >= closesAt) errors.sendAt = 'It must be sent before it closes.';
  const nudgeText = text('nudgeDays') || '2';
  const nudgeDaysBefore = /^\d{1,2}$/.test(nudgeText) ? Number(nudgeText) : Number.NaN;
  if (!(nudgeDaysBefore >= 0 && nudgeDaysBefore <= 30))
    errors.nudgeDays = 'The reminder is a number of days before closing, 0 (none) to 30.';
  if (!text('audience')) errors.audience = 'Say who it goes to, such as "everyone" or "department: Housing".';
  if (Object.keys(errors).length || 'error' in parsed || !closesAt || !sendAt) return { ok: false, errors };
  return {
    ok: true,
    sendAt,
    consultation: {
      _id: slug(title, closesAt),
      title,
      summary,
      link,
      questions: parsed.questions,
      closesAt,
      nudgeDaysBefore,
      author,
    },
  };
}

const form = (
  values: ComposeValues,
  errors: Partial<Record<ComposeField, string>>,
  problem?: string,
): ComposeConsultationView => ({ kind: 'composeConsultation', values, errors, problem });

/**
 * The policy team's "preview" and "send" for a consultation composed in a card, a modal or a file.
 * A preview shows the card as recipients will see it and how many it would reach; a send also
 * schedules the nudge and the closing, and holds a large audience for a second approval.
 */
export async function composeConsultation(req: ComposeRequest, deps: BroadcastDeps): Promise<View[]> {
  const now = deps.now();
  const checked = checkConsultation(req.values, req.author, now);
  if (!checked.ok) {
    if (checked.errors.questions && !checked.errors.questions.includes(QUESTIONS_HELP))
      checked.errors.questions += ` ${QUESTIONS_HELP}`;
    return [form(req.values, checked.errors)];
  }
  const c = checked.consultation;
  let reach: string;
  try {
    const audience = await resolveAudience(req.values.audience ?? '', deps.directory);
    reach = `It goes to ${people(audience.recipients.length)} (${audience.description})${
      audience.unreachable.length
        ? `; ${audience.unreachable.length.toLocaleString('en-GB')} named cannot be reached by the bot: ${audience.unreachable.slice(0, 5).join(', ')}${audience.unreachable.length > 5 ? ' …' : ''}`
        : ''
    }.`;
  } catch (error) {
    if (!(error instanceof AudienceError)) throw error;
    return [form(req.values, { audience: error.message })];
  }
  const view = consultationView(
    { ...c, status: 'open' },
    {
      header: 'Preview: only you can see this',
      readOnly: true,
    },
  );
  const tooBig = deps.fits(view);
  if (tooBig) return [form(req.values, {}, tooBig)];
  if (req.mode === 'preview') return [view, notice(`${reach} Nothing has been sent.`)];

  if (await Consultation.exists({ _id: c._id }))
    return [form(req.values, { title: `A consultation "${c.title}" closing that day exists already.` })];
  await Consultation.create(c);
  let started;
  try {
    started = await startBroadcast(
      {
        kind: 'consultation',
        subject: c._id,
        title: c.title,
        audience: req.values.audience ?? '',
        author: req.author,
        sendAt: checked.sendAt,
        authorAddress: req.authorAddress,
      },
      deps,
    );
  } catch (error) {
    await Consultation.deleteOne({ _id: c._id });
    if (error instanceof AudienceError) return [form(req.values, { audience: error.message })];
    if (error instanceof BroadcastError) return [form(req.values, {}, error.message)];
    throw error;
  }
  await scheduleConsultation(c, now);
  const id = started.broadcast._id;
  if (started.needsApproval) {
    await askForApproval(id, req.author, deps);
    return [
      notice(
        `${reach} That is more than ${deps.approvalOver.toLocaleString('en-GB')}, so a second member of the policy team must approve it before it goes; they have been asked. Until then: "cancel broadcast ${id}".`,
        [`broadcast status ${id}`],
      ),
    ];
  }
  const when = checked.sendAt.getTime() <= now.getTime() + 60_000 ? 'now' : `at ${ukWhen(checked.sendAt)}`;
  return [
    notice(`Sending "${c.title}" ${when}. ${reach} It closes ${ukWhen(c.closesAt)}.`, [
      `broadcast status ${id}`,
    ]),
  ];
}

/** The nudge `nudgeDaysBefore` days before closing, at the closing's London time of day; the closing. */
async function scheduleConsultation(c: { _id: string; closesAt: Date; nudgeDaysBefore: number }, now: Date) {
  const nudgeAt = londonDaysBefore(c.closesAt, c.nudgeDaysBefore);
  await schedule([
    ...(c.nudgeDaysBefore > 0 && nudgeAt > now
      ? [
          {
            id: `consultation-nudge:${c._id}`,
            kind: 'consultation-nudge',
            at: nudgeAt,
            payload: { consultation: c._id },
          },
        ]
      : []),
    {
      id: `consultation-close:${c._id}`,
      kind: 'consultation-close',
      at: c.closesAt,
      payload: { consultation: c._id },
    },
  ]);
}

/** Every other policy-team member gets the status card with its Approve button. */
async function askForApproval(id: string, author: string, deps: BroadcastDeps): Promise<void> {
  const b = await findBroadcast(id);
  if (!b) return;
  const view = await broadcastStatus(b);
  const approvers = await Person.find({ roles: 'policy' }, { _id: 1 }).lean();
  for (const p of approvers.filter((p) => p._id !== author))
    await tellAuthor({ author: p._id }, `approval:${id}>${p._id}`, view, deps);
}
