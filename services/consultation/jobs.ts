import { Broadcast, Consultation, ConsultationResponse, Delivery } from '../../models';
import type { BroadcastDoc } from '../../models/broadcast';
import type { ConsultationDoc } from '../../models/consultation';
import { ukWhen } from '../answers/when';
import { tellAuthor } from '../broadcast/broadcast';
import { enqueue } from '../delivery/outbox';
import type { Links } from '../links';
import type { JobHandler } from '../scheduling/scheduler';
import { consultationResults } from './results';
import { consultationView } from './view';

/**
 * The nudge (once, to those who received it and have not answered) and the closing (the author
 * gets the results card). Both key what they queue by the consultation and recipient, so running
 * either twice sends nothing more.
 */
export function consultationJobs(deps: { now: () => Date; links: Links }): Record<string, JobHandler> {
  const load = async (payload: Record<string, unknown>) => {
    const id = String(payload.consultation);
    const c = (await Consultation.findById(id).lean()) as ConsultationDoc | null;
    const b = (await Broadcast.findById(`consultation:${id}`).lean()) as BroadcastDoc | null;
    return { id, c, b };
  };
  return {
    'consultation-nudge': async (payload) => {
      const { id, c, b } = await load(payload);
      if (!c || !b || c.status !== 'open' || b.status === 'cancelled') return 'no nudge: not open';
      const answered = new Set(
        (await ConsultationResponse.find({ consultation: id }, { recipient: 1 }).lean()).map(
          (r) => r.recipient,
        ),
      );
      const received = await Delivery.find(
        { batch: b._id, status: 'sent' },
        { person: 1, platform: 1, address: 1 },
      ).lean();
      const view = consultationView(c, {
        header: `Reminder: this consultation closes ${ukWhen(c.closesAt)}`,
      });
      const { queued } = await enqueue(
        received
          .filter((d) => !answered.has(d.person))
          .map((d) => ({
            id: `nudge:${id}>${d.person}`,
            batch: `nudge:${id}`,
            person: d.person,
            message: view,
            to: { platform: d.platform as 'teams' | 'slack', address: d.address as Record<string, unknown> },
          })),
        deps.now(),
      );
      return `nudged ${queued}`;
    },
    'consultation-close': async (payload) => {
      const { id, c, b } = await load(payload);
      if (!c || c.status === 'cancelled') return 'not closed: cancelled or gone';
      await Consultation.updateOne({ _id: id, status: 'open' }, { $set: { status: 'closed' } });
      const results = await consultationResults(id, deps.links);
      if (results && b && b.status !== 'cancelled') await tellAuthor(b, `results:${id}`, results, deps);
      return 'closed';
    },
  };
}
