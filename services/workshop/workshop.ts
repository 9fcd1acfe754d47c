import { z } from 'zod';
import { Broadcast, Delivery, Workshop, WorkshopReply } from '../../models';
import type { ReplyDoc, Rsvp, WorkshopDoc } from '../../models/workshop';
import type { NoticeView, View, WorkshopView } from '../answers/views';
import { londonDateTime, slug, ukSpan, ukWhen } from '../answers/when';
import { people } from '../answers/format';
import { AudienceError } from '../broadcast/audience';
import { BroadcastError, cancelBroadcast, startBroadcast, type BroadcastDeps } from '../broadcast/broadcast';
import { enqueue, type Address } from '../delivery/outbox';
import type { Links } from '../links';
import { displayName } from '../people/names';
import { schedule } from '../scheduling/scheduler';
import { promoteWaiting, releaseSeat, seatsTaken, takeSeat, waitingList } from './seats';

const DAY_MS = 24 * 60 * 60 * 1000;
const notice = (text: string, suggestions: string[] = []): NoticeView => ({
  kind: 'notice',
  text,
  suggestions,
});

const when = z.string().trim().max(40);
/** A workshop as the policy team writes it in a file. */
export const workshopInput = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{3,80}$/, 'use lower-case letters, digits and dashes')
      .optional(),
    title: z.string().trim().min(3).max(120),
    description: z.string().trim().max(2000).default(''),
    starts: when,
    ends: when,
    place: z.string().trim().max(200).optional(),
    link: z
      .url({ protocol: /^https$/ })
      .max(500)
      .optional(),
    capacity: z.number().int().min(1).max(10_000),
    audience: z.string().trim().min(1).max(20_000),
    remindDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([7, 1]),
  })
  .refine((w) => w.place || w.link, { message: 'give a place or an online link', path: ['place'] });
export type WorkshopInput = z.input<typeof workshopInput>;

export class WorkshopError extends Error {}

function times(input: z.infer<typeof workshopInput>, now: Date): { startsAt: Date; endsAt: Date } {
  const startsAt = londonDateTime(input.starts, '');
  const day = input.starts.trim().slice(0, 10);
  const endsAt = londonDateTime(/^\d{1,2}:\d{2}$/.test(input.ends) ? `${day} ${input.ends}` : input.ends, '');
  if (!startsAt || !/\d:\d\d$/.test(input.starts))
    throw new WorkshopError('starts must be a date and time: yyyy-mm-dd hh:mm (London time).');
  if (!endsAt) throw new WorkshopError('ends must be a time (hh:mm) or a date and time (yyyy-mm-dd hh:mm).');
  if (endsAt <= startsAt) throw new WorkshopError('The workshop must end after it starts.');
  if (startsAt <= now)
    throw new WorkshopError(`The workshop must start in the future (it is now ${ukWhen(now)}).`);
  return { startsAt, endsAt };
}

export function workshopView(
  w: WorkshopDoc,
  header: string,
  counts: { taken: number; waiting: number },
  links: Links,
  answer?: string,
): WorkshopView {
  const left = Math.max(0, w.capacity - counts.taken);
  return {
    kind: 'workshop',
    id: w._id,
    header,
    title: w.title,
    description: w.description,
    when: ukSpan(w.startsAt, w.endsAt),
    where: w.place ?? undefined,
    link: w.link ?? undefined,
    places: left
      ? `${left} of ${w.capacity} places left`
      : `Full${counts.waiting ? `: ${counts.waiting} on the waiting list` : ''}`,
    answer,
    calendarUrl: w.status === 'cancelled' ? undefined : links.url(`/files/workshop/${w._id}.ics`),
    readOnly: w.status === 'cancelled',
  };
}

export async function workshopCounts(id: string) {
  return { taken: await seatsTaken(id), waiting: (await waitingList(id)).length };
}

/** The invitation sent to the audience. */
export async function workshopInvitation(id: string, links: Links): Promise<View | undefined> {
  const w = (await Workshop.findById(id).lean()) as WorkshopDoc | null;
  return w ? workshopView(w, 'Workshop invitation', await workshopCounts(id), links) : undefined;
}

function remindersFor(w: Pick<WorkshopDoc, '_id' | 'startsAt' | 'remindDaysBefore' | 'sequence'>, now: Date) {
  return w.remindDaysBefore
    .map((days) => ({ days, at: new Date(w.startsAt.getTime() - days * DAY_MS) }))
    .filter((r) => r.at > now)
    .map((r) => ({
      id: `workshop-reminder-${r.days}:${w._id}:${w.sequence}`,
      kind: 'workshop-reminder',
      at: r.at,
      payload: { workshop: w._id, days: r.days, sequence: w.sequence },
    }));
}

/**
 * Publishes a workshop from the policy team's file. A new one is broadcast to its audience; the
 * same id again with changed details updates it, tells everyone with a place or on the waiting
 * list, moves its reminders and fills any new places from the waiting list.
 */
export async function publishWorkshop(
  raw: unknown,
  author: string,
  deps: BroadcastDeps & { links: Links; authorAddress?: Address },
): Promise<NoticeView> {
  const parsed = workshopInput.safeParse(raw);
  if (!parsed.success)
    throw new WorkshopError(
      parsed.error.issues
        .map((i) =>
          i.code === 'invalid_type' && i.message.includes('received undefined')
            ? `${i.path.join('.')} is missing`
            : `${i.path.join('.') || 'workshop'}: ${i.message}`,
        )
        .join('; '),
    );
  const input = parsed.data;
  const now = deps.now();
  const { startsAt, endsAt } = times(input, now);
  const id = input.id ?? slug(input.title, startsAt);
  const details = {
    title: input.title,
    description: input.description,
    startsAt,
    endsAt,
    place: input.place,
    link: input.link,
    capacity: input.capacity,
    remindDaysBefore: input.remindDaysBefore,
  };
  const existing = (await Workshop.findById(id).lean()) as WorkshopDoc | null;
  if (existing) return changeWorkshop(existing, details, deps);

  await Workshop.create({ _id: id, ...details, author });
  try {
    const started = await startBroadcast(
      {
        kind: 'workshop',
        subject: id,
        title: input.title,
        audience: input.audience,
        author,
        sendAt: now,
        authorAddress: deps.authorAddress,
      },
      deps,
    );
    await schedule(
      remindersFor({ _id: id, startsAt, remindDaysBefore: input.remindDaysBefore, sequence: 0 }, now),
    );
    return notice(
      started.needsApproval
        ? `"${input.title}" is ready for ${people(started.audience.recipients.length)}; more than ${deps.approvalOver}, so a second member of the policy team must approve it ("approve broadcast workshop:${id}").`
        : `Inviting ${people(started.audience.recipients.length)} (${started.audience.description}) to "${input.title}", ${ukSpan(startsAt, endsAt)}: ${input.capacity} places.`,
      [`broadcast status workshop:${id}`],
    );
  } catch (error) {
    await Workshop.deleteOne({ _id: id });
    if (error instanceof AudienceError || error instanceof BroadcastError)
      throw new WorkshopError(error.message);
    throw error;
  }
}

async function changeWorkshop(
  w: WorkshopDoc,
  details: Partial<WorkshopDoc>,
  deps: BroadcastDeps & { links: Links },
): Promise<NoticeView> {
  if (w.status === 'cancelled')
    throw new WorkshopError(`"${w.title}" was cancelled; publish it under a new id.`);
  const changed = (Object.keys(details) as (keyof WorkshopDoc)[]).filter(
    (k) => JSON.stringify(details[k] ?? null) !== JSON.stringify(w[k] ?? null),
  );
  if (changed.length === 0) return notice(`"${w.title}" is unchanged; nobody was told anything.`);
  const taken = await seatsTaken(w._id);
  if (details.capacity !== undefined && details.capacity < taken)
    throw new WorkshopError(
      `${taken} people already have a place, so the capacity cannot go down to ${details.capacity}.`,
    );
  const now = deps.now();
  const sequence = w.sequence + 1;
  await Workshop.updateOne({ _id: w._id }, { $set: { ...details, sequence } });
  const updated = { ...w, ...details, sequence } as WorkshopDoc;
  const promoted = await promoteWaiting(w._id, updated.capacity, now);
  await schedule(remindersFor(updated, now));
  const told = await tellReplies(
    updated,
    ['attending', 'waiting'],
    `changed-${sequence}`,
    `Changed: ${changed.join(', ')}`,
    deps,
  );
  await tellPromoted(updated, promoted, deps);
  return notice(
    `Updated "${updated.title}" (${changed.join(', ')}); told the ${people(told)} with a place or on the waiting list${promoted.length ? `; ${promoted.length} moved off the waiting list` : ''}.`,
  );
}

export async function cancelWorkshop(
  id: string,
  by: string,
  deps: BroadcastDeps & { links: Links },
): Promise<NoticeView> {
  const w = (await Workshop.findById(id).lean()) as WorkshopDoc | null;
  if (!w) return notice(`There is no workshop "${id}".`);
  if (w.status === 'cancelled') return notice(`"${w.title}" was cancelled already.`);
  await Workshop.updateOne({ _id: id }, { $set: { status: 'cancelled' }, $inc: { sequence: 1 } });
  const cancelled = { ...w, status: 'cancelled', sequence: w.sequence + 1 } as WorkshopDoc;
  const broadcast = await Broadcast.findById(`workshop:${id}`, { status: 1 }).lean();
  if (broadcast && broadcast.status !== 'cancelled') await cancelBroadcast(broadcast._id, by, deps.log);
  const told = await tellReplies(
    cancelled,
    ['attending', 'waiting', 'maybe'],
    'cancelled',
    'Cancelled',
    deps,
  );
  return notice(
    `Cancelled "${w.title}"; told the ${people(told)} who had replied Attend, Maybe or joined the waiting list.`,
  );
}

/** Tells everyone whose answer is one of `answers`, once per `topic`, in the chat they answered from. */
async function tellReplies(
  w: WorkshopDoc,
  answers: Rsvp[],
  topic: string,
  header: string,
  deps: BroadcastDeps & { links: Links },
): Promise<number> {
  const replies = (await WorkshopReply.find({ workshop: w._id }).lean()) as ReplyDoc[];
  const counts = await workshopCounts(w._id);
  const told = replies.filter((r) => answers.includes(r.answer as Rsvp));
  await enqueue(
    told.map((r) => ({
      id: `workshop-${topic}:${w._id}>${r.recipient}`,
      batch: `workshop-notices:${w._id}`,
      person: r.recipient,
      message: workshopView(w, header, counts, deps.links, answerText(r)),
      to: r.address
        ? { platform: r.platform as 'teams' | 'slack', address: r.address as Record<string, unknown> }
        : undefined,
    })),
    deps.now(),
  );
  return told.length;
}

async function tellPromoted(w: WorkshopDoc, promoted: ReplyDoc[], deps: BroadcastDeps & { links: Links }) {
  const counts = await workshopCounts(w._id);
  await enqueue(
    promoted.map((r) => ({
      id: `workshop-promoted:${w._id}>${r.recipient}`,
      batch: `workshop-notices:${w._id}`,
      person: r.recipient,
      message: workshopView(
        w,
        'A place came free: you are now attending',
        counts,
        deps.links,
        'You are attending',
      ),
      to: r.address
        ? { platform: r.platform as 'teams' | 'slack', address: r.address as Record<string, unknown> }
        : undefined,
    })),
    deps.now(),
  );
}

function answerText(r: Pick<ReplyDoc, 'answer'>, position?: number): string {
  switch (r.answer) {
    case 'attending':
      return 'You are attending';
    case 'waiting':
      return position
        ? `The workshop is full: you are number ${position} on the waiting list`
        : 'You are on the waiting list';
    case 'maybe':
      return 'You said maybe (no place is held)';
    default:
      return 'You declined';
  }
}

export interface Invitee {
  personId?: string;
  account: string;
  name: string;
  platform: 'teams' | 'slack';
  address: Record<string, unknown>;
}

/**
 * Attend / Decline / Maybe. Attend takes a place, or joins the waiting list when it is full;
 * Decline or Maybe gives the place up and the first on the waiting list gets it (and is told).
 */
export async function replyToWorkshop(
  id: string,
  who: Invitee,
  choice: 'attend' | 'decline' | 'maybe',
  deps: BroadcastDeps & { links: Links },
): Promise<WorkshopView | NoticeView> {
  const w = (await Workshop.findById(id).lean()) as WorkshopDoc | null;
  if (!w) return notice('That workshop no longer exists.');
  const recipient = await invited(id, who);
  if (!recipient) {
    deps.log.warn({ workshop: id, account: who.account }, 'Workshop reply refused: not invited');
    return notice(`You were not invited to "${w.title}", so your reply was not recorded.`);
  }
  const now = deps.now();
  if (w.status === 'cancelled')
    return workshopView(w, 'This workshop was cancelled', await workshopCounts(id), deps.links);
  if (w.startsAt <= now) return notice(`"${w.title}" has already started; replies are closed.`);
  const _id = `${id}|${recipient}`;
  const before = (await WorkshopReply.findById(_id).lean()) as ReplyDoc | null;
  let answer: Rsvp;
  if (choice === 'attend')
    answer = (await takeSeat(id, w.capacity, recipient, now)) ? 'attending' : 'waiting';
  else answer = choice === 'maybe' ? 'maybe' : 'declined';
  const waitingSince =
    answer === 'waiting' ? (before?.answer === 'waiting' ? before.waitingSince : now) : undefined;
  await WorkshopReply.replaceOne(
    { _id },
    {
      _id,
      workshop: id,
      recipient,
      name: await displayName(who.personId, who.name),
      answer,
      at: now,
      waitingSince,
      address: who.address,
      platform: who.platform,
    },
    { upsert: true },
  );
  if (answer !== 'attending' && (await releaseSeat(id, recipient)))
    await tellPromoted(w, await promoteWaiting(id, w.capacity, now), deps);
  const position =
    answer === 'waiting'
      ? (await waitingList(id)).findIndex((r) => r.recipient === recipient) + 1
      : undefined;
  deps.log.info({ workshop: id, recipient, answer }, 'Workshop reply recorded');
  return workshopView(
    w,
    'Workshop invitation',
    await workshopCounts(id),
    deps.links,
    answerText({ answer }, position),
  );
}

async function invited(id: string, who: Invitee): Promise<string | undefined> {
  for (const key of [who.personId, who.account].filter((k): k is string => !!k))
    if (await Delivery.exists({ _id: `workshop:${id}>${key}` })) return key;
  return undefined;
}

/** The attendee list (and waiting list) for export. */
export async function attendeeRows(id: string) {
  const replies = (await WorkshopReply.find({ workshop: id }).lean()) as ReplyDoc[];
  const order: Record<string, number> = { attending: 0, waiting: 1, maybe: 2, declined: 3 };
  return replies
    .sort((a, b) => (order[a.answer] ?? 9) - (order[b.answer] ?? 9) || a.at.getTime() - b.at.getTime())
    .map((r) => [r.recipient, r.name ?? '', r.answer, r.at.toISOString()]);
}
