import { Workshop } from '../../models';
import type { ReplyDoc, WorkshopDoc } from '../../models/workshop';
import type { View, WorkshopView } from '../answers/views';
import { ukSpan } from '../answers/when';
import type { Links } from '../links';
import { seatsTaken, waitingList } from './seats';

/** The headline of every message about a cancelled workshop, whatever it was sent for. */
export const CANCELLED_HEADLINE = 'Cancelled: this workshop will not take place';

/**
 * A workshop as a card: `header` says why it is sent ("Workshop invitation", "Reminder: …"),
 * `answer` what this person replied. A cancelled workshop is shown as cancelled whatever the caller
 * asked for — the cancellation as the headline, and no answer, places, link, calendar file or
 * buttons — so no message (the cancellation notice, a reply to an old invitation's button) can
 * still say "You are attending" beside a Join button.
 */
export function workshopView(
  w: WorkshopDoc,
  header: string,
  counts: { taken: number; waiting: number },
  links: Links,
  answer?: string,
): WorkshopView {
  const base = {
    kind: 'workshop' as const,
    id: w._id,
    title: w.title,
    description: w.description,
    when: ukSpan(w.startsAt, w.endsAt),
    where: w.place ?? undefined,
  };
  if (w.status === 'cancelled')
    return { ...base, header: CANCELLED_HEADLINE, places: '', readOnly: true, cancelled: true };
  const left = Math.max(0, w.capacity - counts.taken);
  return {
    ...base,
    header,
    link: w.link ?? undefined,
    places: left
      ? `${left} of ${w.capacity} places left`
      : `Full${counts.waiting ? `: ${counts.waiting} on the waiting list` : ''}`,
    answer,
    calendarUrl: links.url(`/files/workshop/${w._id}.ics`),
    readOnly: false,
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

export function answerText(r: Pick<ReplyDoc, 'answer'>, position?: number): string {
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
