import { Delivery, Workshop, WorkshopReply } from '../../models';
import type { ReplyDoc, Rsvp, WorkshopDoc } from '../../models/workshop';
import type { NoticeView, WorkshopView } from '../answers/views';
import type { BroadcastDeps } from '../broadcast/broadcast';
import type { Links } from '../links';
import { displayName } from '../people/names';
import { tellPromoted } from './notify';
import { promoteWaiting, releaseSeat, takeSeat, waitingList } from './seats';
import { answerText, workshopCounts, workshopView } from './view';
import { notice } from '../answers/notice';

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
