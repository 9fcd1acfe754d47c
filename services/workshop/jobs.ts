import { Workshop, WorkshopReply } from '../../models';
import type { ReplyDoc, WorkshopDoc } from '../../models/workshop';
import { enqueue } from '../delivery/outbox';
import type { Links } from '../links';
import type { JobHandler } from '../scheduling/scheduler';
import { workshopCounts, workshopView } from './view';

/**
 * Reminders to those with a place, 7 and 1 days before (as the workshop says). A reminder job
 * belongs to one version of the workshop: after a change it is skipped and the new one runs.
 */
export function workshopJobs(deps: { now: () => Date; links: Links }): Record<string, JobHandler> {
  return {
    'workshop-reminder': async (payload) => {
      const id = String(payload.workshop);
      const days = Number(payload.days);
      const w = (await Workshop.findById(id).lean()) as WorkshopDoc | null;
      if (!w || w.status === 'cancelled') return 'no reminder: cancelled or gone';
      if (w.sequence !== Number(payload.sequence)) return 'no reminder: the workshop changed since';
      const attending = (await WorkshopReply.find({
        workshop: id,
        answer: 'attending',
      }).lean()) as ReplyDoc[];
      const header =
        days === 1 ? 'Reminder: this workshop is tomorrow' : `Reminder: this workshop is in ${days} days`;
      const view = workshopView(w, header, await workshopCounts(id), deps.links, 'You are attending');
      const { queued } = await enqueue(
        attending.map((r) => ({
          id: `workshop-reminder-${days}:${id}:${w.sequence}>${r.recipient}`,
          batch: `workshop-reminders:${id}`,
          person: r.recipient,
          message: view,
          to: r.address
            ? { platform: r.platform as 'teams' | 'slack', address: r.address as Record<string, unknown> }
            : undefined,
        })),
        deps.now(),
      );
      return `reminded ${queued}`;
    },
  };
}
