import { Cycle, CycleTarget } from '../../models';
import type { AuditChannel } from '../../models/audit';
import { recordAudit } from '../audit/record';
import { trusted } from '../../models/operators';
import { londonDate } from './working-days';
import type { CycleDoc } from '../../models/cycle';

export interface Closed {
  /** False when the cycle was already closed: closing twice changes nothing. */
  changed: boolean;
  closedOn: string;
  submitted: number;
  targets: number;
}

/**
 * Closes a monitoring cycle: its forms stop taking updates ("this cycle closed on …") and its
 * reminders and escalations that have not gone out are skipped when they come due. Closing is
 * audited (who, through which channel); closing a closed cycle changes and records nothing.
 */
export async function closeCycle(
  cycle: CycleDoc & { _id: string },
  by: string,
  channel: AuditChannel,
  now: Date,
): Promise<Closed> {
  const closedOn = londonDate(now);
  const { modifiedCount } = await Cycle.updateOne(
    { _id: cycle._id, status: 'open' },
    { $set: { status: 'closed', closedOn } },
  );
  if (modifiedCount)
    await recordAudit({
      at: now,
      by,
      channel,
      action: 'change',
      entity: 'cycles',
      entityId: cycle._id,
      plan: cycle.plan,
      event: 'cycle-close',
      before: { status: 'open' },
      after: { status: 'closed', closedOn, name: cycle.name },
    });
  const [targets, submitted] = await Promise.all([
    CycleTarget.countDocuments({ cycle: cycle._id }),
    CycleTarget.countDocuments({ cycle: cycle._id, submitted: trusted({ $exists: true }) }),
  ]);
  return {
    changed: modifiedCount > 0,
    closedOn: modifiedCount ? closedOn : (cycle.closedOn ?? closedOn),
    submitted,
    targets,
  };
}
