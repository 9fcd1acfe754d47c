import { WorkshopReply } from '../../models';
import type { ReplyDoc, Rsvp, WorkshopDoc } from '../../models/workshop';
import type { BroadcastDeps } from '../broadcast/broadcast';
import { enqueue } from '../delivery/outbox';
import type { Links } from '../links';
import { answerText, workshopCounts, workshopView } from './view';

/**
 * Tells everyone whose answer is one of `answers`, once per `topic`, in the chat they answered from,
 * as deliveries of `batch` (the workshop's notices unless told).
 */
export async function tellReplies(
  w: WorkshopDoc,
  answers: Rsvp[],
  topic: string,
  header: string,
  deps: BroadcastDeps & { links: Links },
  batch = `workshop-notices:${w._id}`,
): Promise<number> {
  const replies = (await WorkshopReply.find({ workshop: w._id }).lean()) as ReplyDoc[];
  const counts = await workshopCounts(w._id);
  const told = replies.filter((r) => answers.includes(r.answer as Rsvp));
  await enqueue(
    told.map((r) => ({
      id: `workshop-${topic}:${w._id}>${r.recipient}`,
      batch,
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

export async function tellPromoted(
  w: WorkshopDoc,
  promoted: ReplyDoc[],
  deps: BroadcastDeps & { links: Links },
) {
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
