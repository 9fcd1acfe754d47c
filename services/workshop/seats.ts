import { WorkshopReply, WorkshopSeat } from '../../models';
import type { ReplyDoc } from '../../models/workshop';
import { isDuplicateKey } from '../../models/insert-new';

/**
 * Places at a workshop are documents "<workshop>#<n>", n = 1 … capacity: taking one is inserting
 * it, which the database does atomically, so two people can never hold the same place and a full
 * workshop can never be overbooked — even with two bot instances.
 */
export async function takeSeat(
  workshop: string,
  capacity: number,
  holder: string,
  now: Date,
): Promise<boolean> {
  for (let round = 0; round < 3; round++) {
    const seats = await WorkshopSeat.find({ workshop }, { holder: 1 }).lean();
    if (seats.some((s) => s.holder === holder)) return true;
    const taken = new Set(seats.map((s) => Number(s._id.split('#').pop())));
    const free = Array.from({ length: capacity }, (_, i) => i + 1).filter((n) => !taken.has(n));
    if (free.length === 0) return false;
    for (const n of free) {
      try {
        await WorkshopSeat.create({ _id: `${workshop}#${n}`, workshop, holder, at: now });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }
  return false;
}

/** Gives up `holder`'s place; true when they had one. */
export async function releaseSeat(workshop: string, holder: string): Promise<boolean> {
  const seats = await WorkshopSeat.find({ workshop, holder }, { _id: 1 }).lean();
  if (seats.length === 0) return false;
  await WorkshopSeat.deleteMany({ workshop, holder });
  return true;
}

export async function seatsTaken(workshop: string): Promise<number> {
  return WorkshopSeat.countDocuments({ workshop });
}

/** The waiting list, first come first: those who asked for a place when it was full. */
export async function waitingList(workshop: string): Promise<ReplyDoc[]> {
  const waiting = (await WorkshopReply.find({ workshop, answer: 'waiting' }).lean()) as ReplyDoc[];
  return waiting.sort(
    (a, b) =>
      (a.waitingSince?.getTime() ?? 0) - (b.waitingSince?.getTime() ?? 0) || a._id.localeCompare(b._id),
  );
}

/**
 * Fills free places from the waiting list, in order; returns who got one. Each promotion is a seat
 * insert, so two instances promoting at once give each free place to one person.
 */
export async function promoteWaiting(workshop: string, capacity: number, now: Date): Promise<ReplyDoc[]> {
  const promoted: ReplyDoc[] = [];
  for (const next of await waitingList(workshop)) {
    if (!(await takeSeat(workshop, capacity, next.recipient, now))) break;
    await WorkshopReply.updateOne(
      { _id: next._id, answer: 'waiting' },
      { $set: { answer: 'attending', at: now }, $unset: { waitingSince: 1 } },
    );
    promoted.push(next);
  }
  return promoted;
}
