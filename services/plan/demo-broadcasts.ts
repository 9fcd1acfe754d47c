import { fits } from '../../cards/fits';
import { Consultation, Delivery, Job, Person, Workshop } from '../../models';
import { anyOf } from '../../models/operators';
import { slug } from '../answers/when';
import { broadcastJobs, type BroadcastDeps } from '../broadcast/broadcast';
import { composeConsultation } from '../consultation/compose';
import { consultationJobs } from '../consultation/jobs';
import { parseQuestions } from '../consultation/questions';
import { answerConsultation } from '../consultation/respond';
import { Links } from '../links';
import type { Logger } from '../log/logger';
import { londonDaysBefore } from '../scheduling/london-time';
import type { JobHandler } from '../scheduling/scheduler';
import { publishWorkshop } from '../workshop/publish';
import { replyToWorkshop } from '../workshop/reply';
import type { DemoCalendar } from './demo-calendar';
import { retireJobs } from './demo-cycles';
import { rawAnswers, type DemoOverlay } from './demo-overlay';
import { invitations } from '../broadcast/invitations';

/** The sentId of a delivery the demo records as sent: it was never handed to a platform. */
export const DEMO_SENT_ID = 'demo-not-sent';

/**
 * The services' dependencies on a clock the loader moves. Links in what the history "sent" are
 * signed with a throwaway secret: those messages are never shown, the cards people open later are
 * built afresh with the bot's own links.
 */
function depsAt(log: Logger) {
  let clock = new Date(0);
  const links = new Links('http://localhost');
  const deps: BroadcastDeps & { links: Links } = {
    now: () => clock,
    log,
    links,
    approvalOver: Number.MAX_SAFE_INTEGER,
    fits,
    invitation: invitations(links),
  };
  return { deps, at: (when: Date) => (clock = when) };
}

/** Runs one of the demo's own jobs, as the scheduler would at its time, and marks it done. */
async function runJob(id: string, handler: JobHandler | undefined, at: Date): Promise<void> {
  const job = await Job.findById(id).lean();
  if (!job || job.state !== 'due' || !handler) return;
  const outcome = await handler(job.payload as Record<string, unknown>, { id, at: job.at });
  await Job.updateOne({ _id: id }, { $set: { state: 'done', doneAt: at, outcome } });
}

/** What the history queued to send in `batches` is recorded as sent at `at`, and never sent. */
async function recordSent(batches: string[], at: Date): Promise<void> {
  await Delivery.updateMany(
    { batch: anyOf(batches), status: 'pending' },
    { $set: { status: 'sent', sentAt: at, sentId: DEMO_SENT_ID, attempts: 1 } },
  );
}

/**
 * The consultation: composed and sent by the overlay's policy officer, answered, nudged and closed
 * through the consultation services at the calendar's times. Left alone if it exists already.
 * Returns its id.
 */
export async function loadDemoConsultation(
  overlay: DemoOverlay,
  calendar: DemoCalendar,
  log: Logger,
): Promise<string | undefined> {
  const spec = overlay.consultation;
  if (!spec) return undefined;
  const dates = calendar.consultation;
  const id = slug(spec.title, dates.closesAt);
  if (await Consultation.exists({ _id: id })) {
    log.warn({ consultation: id }, 'Demo consultation exists already: left as it is');
    return undefined;
  }
  const { deps, at } = depsAt(log);
  const jobs = { ...broadcastJobs(deps), ...consultationJobs(deps) };

  at(dates.sentAt);
  const composed = await composeConsultation(
    {
      author: overlay.by,
      mode: 'send',
      values: {
        title: spec.title,
        summary: spec.summary,
        link: spec.link,
        questions: spec.questions.join('\n'),
        closes: dates.closes,
        nudgeDays: String(spec.nudgeDaysBefore),
        audience: spec.audience,
      },
    },
    deps,
  );
  if (!(await Consultation.exists({ _id: id })))
    throw new Error(`The demo's consultation was refused: ${JSON.stringify(composed)}`);
  const broadcast = `consultation:${id}`;
  await runJob(`broadcast-send:${broadcast}`, jobs['broadcast-send'], dates.sentAt);
  await recordSent([broadcast], dates.sentAt);
  await retireJobs([`broadcast-report:${broadcast}:1`], dates.sentAt, 'demo history');

  const questions = parseQuestions(spec.questions.join('\n'));
  const people = await peopleNamed(spec.answers.map((a) => a.by));
  for (const [i, { by, ...given }] of spec.answers.entries()) {
    const who = people.get(by);
    if (!who || 'error' in questions) continue;
    const answeredAt = at(dates.answeredAt(i));
    const view = await answerConsultation(
      id,
      { personId: by, account: who.account, name: who.name, channel: who.platform },
      rawAnswers(questions.questions, given),
      answeredAt,
      log,
    );
    if (view.kind !== 'consultation' || Object.keys(view.errors).length)
      throw new Error(`The demo's answer by ${by} was refused: ${JSON.stringify(view)}`);
  }

  // The same rule as the nudge job composeConsultation scheduled: London wall time, not 24-hour days.
  const nudgeAt = londonDaysBefore(dates.closesAt, spec.nudgeDaysBefore);
  at(nudgeAt);
  await runJob(`consultation-nudge:${id}`, jobs['consultation-nudge'], nudgeAt);
  await recordSent([`nudge:${id}`], nudgeAt);
  at(dates.closesAt);
  await runJob(`consultation-close:${id}`, jobs['consultation-close'], dates.closesAt);
  // The results card to the author, and any broadcast report.
  await recordSent([`notices:${id}`, `notices:${broadcast}`], dates.closesAt);
  log.debug({ consultation: id, answers: spec.answers.length }, 'Demo consultation loaded');
  return id;
}

/**
 * The workshop: published by the overlay's policy officer and replied to through the invitation, at
 * the calendar's times. Left alone if a workshop with its id exists already. Returns its id.
 */
export async function loadDemoWorkshop(
  overlay: DemoOverlay,
  calendar: DemoCalendar,
  log: Logger,
): Promise<string | undefined> {
  const spec = overlay.workshop;
  if (!spec) return undefined;
  if (await Workshop.exists({ _id: spec.id })) {
    log.warn({ workshop: spec.id }, 'Demo workshop exists already: left as it is');
    return undefined;
  }
  const dates = calendar.workshop;
  const { deps, at } = depsAt(log);
  const jobs = broadcastJobs(deps);
  at(dates.announcedAt);
  await publishWorkshop(
    {
      id: spec.id,
      title: spec.title,
      description: spec.description,
      starts: `${dates.on} ${spec.starts}`,
      ends: spec.ends,
      place: spec.place,
      link: spec.link,
      capacity: spec.capacity,
      audience: spec.audience,
      // Those attending are fictional: reminders would only go to people who do not exist.
      remindDaysBefore: [],
    },
    overlay.by,
    deps,
  );
  const broadcast = `workshop:${spec.id}`;
  await runJob(`broadcast-send:${broadcast}`, jobs['broadcast-send'], dates.announcedAt);
  await recordSent([broadcast], dates.announcedAt);
  await retireJobs([`broadcast-report:${broadcast}:1`], dates.announcedAt, 'demo history');

  const replies = Object.entries(spec.replies);
  const people = await peopleNamed(replies.map(([by]) => by));
  for (const [i, [by, choice]] of replies.entries()) {
    const who = people.get(by);
    const invitation = await Delivery.findById(`${broadcast}>${by}`, { address: 1 }).lean();
    if (!who || !invitation) throw new Error(`The demo's workshop was not sent to ${by}`);
    const view = await replyToWorkshop(
      spec.id,
      {
        personId: by,
        account: who.account,
        name: who.name,
        platform: who.platform,
        address: invitation.address as Record<string, unknown>,
      },
      choice,
      { ...deps, now: () => dates.repliedAt(i) },
    );
    if (view.kind !== 'workshop') throw new Error(`The demo's reply by ${by} was refused: ${view.text}`);
  }
  // Anyone moved off a waiting list was told: history too.
  await recordSent([`workshop-notices:${spec.id}`], dates.announcedAt);
  log.debug({ workshop: spec.id, replies: replies.length }, 'Demo workshop loaded');
  return spec.id;
}

/** Each person's name and the account they answer from: Teams when they have it, else Slack. */
async function peopleNamed(ids: string[]) {
  const found = await Person.find({ _id: anyOf(ids) }, { name: 1, teamsId: 1, slackId: 1 }).lean();
  return new Map(
    found.map((p) => {
      const platform: 'teams' | 'slack' = p.teamsId ? 'teams' : 'slack';
      return [
        String(p._id),
        { name: p.name, platform, account: p.teamsId ? `teams:${p.teamsId}` : `slack:${p.slackId ?? ''}` },
      ];
    }),
  );
}
