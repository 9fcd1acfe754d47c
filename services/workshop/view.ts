import { Workshop } from '../../models';
import type { ReplyDoc, WorkshopDoc } from '../../models/workshop';
import type { View, WorkshopView } from '../answers/views';
import { ukSpan } from '../answers/when';
import type { Links } from '../links';
import { seatsTaken, waitingList } from './seats';

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
