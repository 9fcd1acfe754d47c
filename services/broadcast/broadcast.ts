import { Broadcast, Delivery, Person } from '../../models';
import type { BroadcastDoc } from '../../models/broadcast';
import type { BroadcastStatusView, NoticeView, View } from '../answers/views';
import { people } from '../answers/format';
import { batchCounts, cancelBatch, resendFailed } from '../delivery/batch';
import { enqueue, type Address } from '../delivery/outbox';
import type { Links } from '../links';
import type { Logger } from '../log/logger';
import { schedule, type JobHandler } from '../scheduling/scheduler';
import { resolveAudience, summariseAudience, type Audience, type ChannelDirectory } from './audience';
import { notice } from '../answers/notice';
import { isPolicy } from '../target-update/permission';

export type BroadcastKind = 'consultation' | 'workshop';

export interface BroadcastDeps {
  now: () => Date;
  log: Logger;
  /** More recipients than this need a second policy-team member's approval. */
  approvalOver: number;
  directory?: ChannelDirectory;
  /** Why a message would not fit a platform (size, blocks), or undefined when it fits both. */
  fits: (view: View) => string | undefined;
  /** The message each recipient gets, built from the consultation or workshop when it is sent. */
  invitation: (kind: BroadcastKind, subject: string) => Promise<View | undefined>;
}

/** What the channels' broadcast forms and the jobs need: the deps, and where files are served. */
export type BroadcastFormDeps = BroadcastDeps & { links: Links };

export class BroadcastError extends Error {}

const REPORT_EVERY_MS = 60_000;
// After a cancel, how often the author's final count is looked for, and for how long: sends on their
// way settle within seconds, and one held by an instance that died within the 30 s claim timeout.
const SETTLE_CHECK_MS = 5_000;
const SETTLE_ROUNDS = 120;

export async function isPolicyTeam(personId: string | undefined): Promise<boolean> {
  if (!personId) return false;
  const person = await Person.findById(personId, { roles: 1 }).lean();
  return !!person && isPolicy(person);
}

export interface NewBroadcast {
  kind: BroadcastKind;
  subject: string;
  title: string;
  audience: string;
  author: string;
  sendAt: Date;
  authorAddress?: Address;
}

/**
 * Checks a broadcast can go (an audience that resolves to somebody, a message that fits) and
 * schedules it, or holds it for approval when the audience is large. Nothing is queued here: the
 * send job resolves the audience again when it runs, so people who joined meanwhile are included.
 */
export async function startBroadcast(
  b: NewBroadcast,
  deps: BroadcastDeps,
): Promise<{ broadcast: BroadcastDoc; audience: Audience; needsApproval: boolean }> {
  const audience = await resolveAudience(b.audience, deps.directory);
  const view = await deps.invitation(b.kind, b.subject);
  if (!view) throw new BroadcastError(`There is no ${b.kind} "${b.subject}".`);
  const tooBig = deps.fits(view);
  if (tooBig) throw new BroadcastError(tooBig);
  const needsApproval = audience.recipients.length > deps.approvalOver;
  const _id = `${b.kind}:${b.subject}`;
  if (await Broadcast.exists({ _id })) throw new BroadcastError(`"${b.title}" has been sent already.`);
  const broadcast = (
    await Broadcast.create({
      _id,
      ...b,
      audienceCount: audience.recipients.length,
      status: needsApproval ? 'awaiting approval' : 'scheduled',
    })
  ).toObject() as BroadcastDoc;
  if (!needsApproval) await scheduleSend(broadcast);
  deps.log.info(
    { broadcast: _id, recipients: audience.recipients.length, needsApproval, by: b.author },
    'Broadcast composed',
  );
  return { broadcast, audience, needsApproval };
}

function scheduleSend(b: Pick<BroadcastDoc, '_id' | 'sendAt'>) {
  return schedule([
    { id: `broadcast-send:${b._id}`, kind: 'broadcast-send', at: b.sendAt, payload: { broadcast: b._id } },
    {
      id: `broadcast-report:${b._id}:1`,
      kind: 'broadcast-report',
      at: new Date(b.sendAt.getTime() + REPORT_EVERY_MS),
      payload: { broadcast: b._id, round: 1 },
    },
  ]);
}

/** A second policy-team member approves a large broadcast; the author cannot approve their own. */
export async function approveBroadcast(id: string, by: string, now: Date): Promise<NoticeView> {
  const b = (await Broadcast.findById(id).lean()) as BroadcastDoc | null;
  if (!b) return notice(`There is no broadcast "${id}".`);
  if (b.status !== 'awaiting approval')
    return notice(`"${b.title}" is not waiting for approval (${b.status}).`);
  if (b.author === by)
    return notice(`"${b.title}" needs a second member of the policy team to approve it, not its author.`);
  const sendAt = b.sendAt.getTime() < now.getTime() ? now : b.sendAt;
  const { modifiedCount } = await Broadcast.updateOne(
    { _id: id, status: 'awaiting approval' },
    { $set: { status: 'scheduled', approvedBy: by, sendAt } },
  );
  if (modifiedCount) await scheduleSend({ _id: id, sendAt });
  return notice(`Approved: "${b.title}" goes to ${people(b.audienceCount)}.`, [`broadcast status ${id}`]);
}

/**
 * Cancels a broadcast: what has not gone is stopped. Sends a dispatcher already holds (handed to
 * the platform, or lined up to be) cannot be called back and are recorded as what they become, so
 * the notice counts them apart rather than as "not sent", and the author gets the final status
 * card once they have settled (the `broadcast-report` job, every 5 s). `now` dates that job.
 */
export async function cancelBroadcast(
  id: string,
  by: string,
  log: Logger,
  now = new Date(),
): Promise<NoticeView> {
  const b = (await Broadcast.findById(id).lean()) as BroadcastDoc | null;
  if (!b) return notice(`There is no broadcast "${id}".`);
  if (b.status === 'cancelled') return notice(`"${b.title}" was cancelled already.`);
  await Broadcast.updateOne({ _id: id }, { $set: { status: 'cancelled' } });
  const { cancelled, held } = await cancelBatch(id, now);
  const { sent } = await batchCounts(id);
  if (held) await schedule([settleCheck(id, now, 1)]);
  log.info({ broadcast: id, by, cancelled, held, sent }, 'Broadcast cancelled');
  const n = (x: number) => x.toLocaleString('en-GB');
  return notice(
    held
      ? `Cancelled "${b.title}": ${n(cancelled)} not sent; ${n(sent)} had gone, and ${n(held)} already on their way to Teams or Slack may still arrive (they cannot be called back). You will get the final count when they have gone.`
      : `Cancelled "${b.title}": ${n(cancelled)} not sent; ${n(sent)} had already gone.`,
    [`broadcast status ${id}`],
  );
}

/** The job that tells the author the final count of a cancelled broadcast once nothing is pending. */
function settleCheck(id: string, after: Date, round: number) {
  return {
    id: `broadcast-report:${id}:cancel:${round}`,
    kind: 'broadcast-report',
    at: new Date(after.getTime() + SETTLE_CHECK_MS),
    payload: { broadcast: id, round, after: 'cancel' },
  };
}

export async function resendBroadcastFailures(id: string, now: Date): Promise<NoticeView> {
  const b = (await Broadcast.findById(id).lean()) as BroadcastDoc | null;
  if (!b) return notice(`There is no broadcast "${id}".`);
  if (b.status === 'cancelled') return notice(`"${b.title}" was cancelled, so nothing is resent.`);
  const again = await resendFailed(id, now);
  return notice(
    again
      ? `Trying the ${again.toLocaleString('en-GB')} failed deliveries of "${b.title}" again; the others are not resent.`
      : `"${b.title}" has no failed deliveries.`,
    [`broadcast status ${id}`],
  );
}

/** The newest broadcast, or the one named by id or title. */
export async function findBroadcast(name?: string): Promise<BroadcastDoc | undefined> {
  const all = (await Broadcast.find().sort({ createdAt: -1 }).lean()) as BroadcastDoc[];
  if (!name) return all[0];
  const wanted = name.toLowerCase().trim();
  return all.find(
    (b) =>
      b._id.toLowerCase() === wanted ||
      b.subject.toLowerCase() === wanted ||
      b.title.toLowerCase() === wanted,
  );
}

export async function broadcastStatus(b: BroadcastDoc): Promise<BroadcastStatusView> {
  const counts = await batchCounts(b._id);
  const failed = await Delivery.find({ batch: b._id, status: 'failed' }, { person: 1, platform: 1, error: 1 })
    .limit(10)
    .lean();
  const throttled = await Delivery.exists({ batch: b._id, status: 'pending', error: /^429/ });
  const status =
    b.status === 'awaiting approval'
      ? `Awaiting approval by a second member of the policy team (${people(b.audienceCount)})`
      : b.status === 'cancelled'
        ? counts.pending
          ? `Cancelled; the ${counts.pending.toLocaleString('en-GB')} already on their way are still going out`
          : 'Cancelled'
        : b.status === 'scheduled'
          ? `Scheduled for ${b.sendAt.toISOString()}`
          : counts.pending
            ? 'Sending'
            : 'Sent';
  const actions: BroadcastStatusView['actions'] = [];
  if (b.status === 'awaiting approval') actions.push('approve');
  if (b.status !== 'cancelled' && (counts.pending || b.status !== 'sending')) actions.push('cancel');
  if (counts.failed && b.status !== 'cancelled') actions.push('resend');
  return {
    kind: 'broadcastStatus',
    id: b._id,
    title: b.title,
    audience: `To ${people(b.audienceCount)} (${summariseAudience(b.audience)})`,
    status,
    counts: {
      sent: counts.sent,
      pending: counts.pending,
      failed: counts.failed,
      cancelled: counts.cancelled,
    },
    failures: failed.map((f) => `${f.person} (${f.platform}): ${f.error ?? 'failed'}`),
    note: throttled
      ? 'The platform is asking us to slow down (429); the rest wait and go when it allows. Nothing is lost or sent twice.'
      : undefined,
    actions,
  };
}

/** The jobs that send a broadcast and keep its author told. */
export function broadcastJobs(deps: BroadcastDeps): Record<string, JobHandler> {
  return {
    'broadcast-send': async (payload) => {
      const b = (await Broadcast.findById(String(payload.broadcast)).lean()) as BroadcastDoc | null;
      if (!b || b.status !== 'scheduled') return `not sent: ${b?.status ?? 'gone'}`;
      const view = await deps.invitation(b.kind as BroadcastKind, b.subject);
      if (!view) return 'not sent: its consultation or workshop is gone';
      let audience: Audience;
      try {
        audience = await resolveAudience(b.audience, deps.directory);
      } catch (error) {
        await tellAuthor(
          b,
          `report-audience:${b._id}`,
          notice(`"${b.title}" was not sent: ${(error as Error).message}`),
          deps,
        );
        return 'not sent: audience';
      }
      const { queued } = await enqueue(
        audience.recipients.map((r) => ({
          id: `${b._id}>${r.key}`,
          batch: b._id,
          person: r.key,
          message: view,
          to: r.to,
        })),
        deps.now(),
      );
      await Broadcast.updateOne(
        { _id: b._id },
        { $set: { status: 'sending', audienceCount: audience.recipients.length } },
      );
      return `queued ${queued}`;
    },
    'broadcast-report': async (payload, job) => {
      const b = (await Broadcast.findById(String(payload.broadcast)).lean()) as BroadcastDoc | null;
      if (!b || b.status === 'awaiting approval') return 'no report';
      const round = Number(payload.round ?? 1);
      if (b.status === 'cancelled') {
        // The sending chain stops at a cancel; the one the cancel started waits for the sends that
        // were already on their way, then tells the author what was sent and what was not.
        if (payload.after !== 'cancel') return 'no report';
        const view = await broadcastStatus(b);
        if (view.counts.pending === 0) {
          await tellAuthor(b, `report-cancelled:${b._id}`, view, deps);
          return 'reported';
        }
        if (round < SETTLE_ROUNDS) await schedule([settleCheck(b._id, job.at, round + 1)]);
        return `on their way ${view.counts.pending}`;
      }
      const view = await broadcastStatus(b);
      const settled = b.status === 'sending' && view.counts.pending === 0;
      if (settled) {
        await tellAuthor(b, `report:${b._id}`, view, deps);
        return 'reported';
      }
      // Still going: tell the author once if the platform is holding it back, and look again.
      if (view.note) await tellAuthor(b, `report-throttled:${b._id}`, view, deps);
      if (round < 24 * 60)
        await schedule([
          {
            id: `broadcast-report:${b._id}:${round + 1}`,
            kind: 'broadcast-report',
            at: new Date(job.at.getTime() + REPORT_EVERY_MS),
            payload: { broadcast: b._id, round: round + 1 },
          },
        ]);
      return `pending ${view.counts.pending}`;
    },
  };
}

/** Tells the author through the outbox, once per key, where they asked from or wherever they are. */
export async function tellAuthor(
  b: Pick<BroadcastDoc, 'author' | 'authorAddress'>,
  id: string,
  message: View,
  deps: Pick<BroadcastDeps, 'now'>,
): Promise<void> {
  await enqueue(
    [
      {
        id,
        batch: `notices:${id.split(':').slice(1).join(':')}`,
        person: b.author,
        message,
        to: (b.authorAddress as Address | undefined) ?? undefined,
      },
    ],
    deps.now(),
  );
}
