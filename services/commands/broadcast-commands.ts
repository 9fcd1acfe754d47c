import { Workshop } from '../../models';
import type { WorkshopDoc } from '../../models/workshop';
import type { BroadcastAction } from '../answers/intent';
import type { View } from '../answers/views';
import {
  approveBroadcast,
  broadcastStatus,
  cancelBroadcast,
  findBroadcast,
  resendBroadcastFailures,
  type BroadcastFormDeps,
} from '../broadcast/broadcast';
import { consultationResults } from '../consultation/results';
import { cancelWorkshop } from '../workshop/publish';
import { workshopCounts } from '../workshop/view';
import { notice } from '../answers/notice';

/**
 * The policy team's broadcast commands in chat. The caller has checked they are in the policy
 * team; `by` is their person id.
 */
export async function runBroadcastCommand(
  action: BroadcastAction,
  name: string | undefined,
  by: string,
  deps: BroadcastFormDeps,
): Promise<View> {
  switch (action) {
    case 'compose':
      return { kind: 'composeConsultation', values: { nudgeDays: '2' }, errors: {} };
    case 'status':
    case 'cancel':
    case 'resend':
    case 'approve': {
      const b = await findBroadcast(name);
      if (!b)
        return notice(name ? `There is no broadcast "${name}".` : 'Nothing has been broadcast yet.', [
          'new consultation',
        ]);
      if (action === 'status') return broadcastStatus(b);
      if (action === 'cancel') return cancelBroadcast(b._id, by, deps.log);
      if (action === 'resend') return resendBroadcastFailures(b._id, deps.now());
      return approveBroadcast(b._id, by, deps.now());
    }
    case 'results': {
      const id = await subjectOf('consultation', name);
      return (
        (await consultationResults(id, deps.links)) ??
        notice(`There is no consultation "${name}". Its id is in its broadcast status ("broadcast status").`)
      );
    }
    case 'attendees': {
      const id = await subjectOf('workshop', name);
      const w = (await Workshop.findById(id).lean()) as WorkshopDoc | null;
      if (!w) return notice(`There is no workshop "${name}".`);
      const { taken, waiting } = await workshopCounts(id);
      return notice(
        `"${w.title}": ${taken} of ${w.capacity} places taken, ${waiting} on the waiting list.`,
        [],
        [
          { label: 'Attendees (CSV)', url: deps.links.url(`/files/workshop/${id}/attendees.csv`) },
          { label: 'Attendees (Excel)', url: deps.links.url(`/files/workshop/${id}/attendees.xlsx`) },
        ],
      );
    }
    case 'cancelWorkshop':
      return cancelWorkshop((name ?? '').replace(/^workshop:/, ''), by, deps);
  }
}

/** The consultation or workshop a person named: by its id, its broadcast's id or its title. */
async function subjectOf(kind: 'consultation' | 'workshop', name: string | undefined): Promise<string> {
  const given = (name ?? '').replace(kind === 'consultation' ? /^consultation:/ : /^workshop:/, '');
  const broadcast = name ? await findBroadcast(name) : undefined;
  return broadcast?.kind === kind ? broadcast.subject : given;
}
