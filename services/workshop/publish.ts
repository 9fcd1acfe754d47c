import { z } from 'zod';
import { Broadcast, Workshop } from '../../models';
import type { WorkshopDoc } from '../../models/workshop';
import { people } from '../answers/format';
import type { NoticeView } from '../answers/views';
import { londonDateTime, slug, ukSpan, ukWhen } from '../answers/when';
import { AudienceError } from '../broadcast/audience';
import { BroadcastError, cancelBroadcast, startBroadcast, type BroadcastDeps } from '../broadcast/broadcast';
import { cancelBatch } from '../delivery/batch';
import type { Address } from '../delivery/outbox';
import type { Links } from '../links';
import { londonDaysBefore } from '../scheduling/london-time';
import { schedule } from '../scheduling/scheduler';
import { tellPromoted, tellReplies } from './notify';
import { promoteWaiting, seatsTaken } from './seats';
import { notice } from '../answers/notice';

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

/** Each reminder `days` before the start at the same London time of day (GMT or BST as each day falls). */
function remindersFor(w: Pick<WorkshopDoc, '_id' | 'startsAt' | 'remindDaysBefore' | 'sequence'>, now: Date) {
  return w.remindDaysBefore
    .map((days) => ({ days, at: londonDaysBefore(w.startsAt, days) }))
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
  if (broadcast && broadcast.status !== 'cancelled')
    await cancelBroadcast(broadcast._id, by, deps.log, deps.now());
  // A reminder or change notice still queued would say "You are attending" after the cancellation:
  // they are stopped, and the cancellation goes in a batch of its own.
  await cancelBatch(`workshop-reminders:${id}`, deps.now());
  await cancelBatch(`workshop-notices:${id}`, deps.now());
  const told = await tellReplies(
    cancelled,
    ['attending', 'waiting', 'maybe'],
    'cancelled',
    'Cancelled',
    deps,
    `workshop-cancelled:${id}`,
  );
  return notice(
    `Cancelled "${w.title}"; told the ${people(told)} who had replied Attend, Maybe or joined the waiting list.`,
  );
}
