import { Identity, Person } from '../../models';
import { isDuplicateKey } from '../../models/insert-new';

export interface Sighting {
  platform: 'teams' | 'slack';
  userId: string;
  name?: string;
  /**
   * How to reach them one to one later; absent when they were seen in a conversation others read
   * (a Teams channel or group chat), which must never become their private address.
   */
  reference?: Record<string, unknown>;
  /**
   * False when the request carrying the reference was not authenticated (Teams in local mode):
   * then it may introduce someone but never redirect them — a stored reference (its serviceUrl is
   * where later 1:1 messages go) is kept as it is.
   */
  trusted: boolean;
}

const REFRESH_AFTER_MS = 60 * 60 * 1000;
/** How long "this account is nobody in the plan" is believed before the people are asked again. */
const UNKNOWN_PERSON_RECHECK_MS = 5 * 60 * 1000;

interface Known {
  person?: string;
  shape: string; // name + reference, to tell whether anything worth storing changed
  seenAt: number;
  personCheckedAt: number;
}

/**
 * Remembers who the bot has seen and how to reach them, and says which person in the plan they
 * are. Every message passes through here, so what this instance already knows is answered from
 * memory; the database is read once per account and written only when something changed or an
 * hour has passed. (On the embedded database a lookup by anything but `_id` scans.)
 */
export class IdentityBook {
  private readonly known = new Map<string, Known>();

  async record(seen: Sighting, now: Date = new Date()): Promise<{ personId?: string }> {
    const _id = `${seen.platform}:${seen.userId}`;
    // The activity id changes with every message and is not needed to start a conversation later.
    const { activityId: _activity, ...rest } = seen.reference ?? {};
    let reference = seen.reference && (JSON.parse(JSON.stringify(rest)) as Record<string, unknown>);
    let mine = this.known.get(_id);
    if (!mine) {
      const stored = await Identity.findById(_id).lean();
      mine = stored
        ? {
            person: stored.person ?? undefined,
            shape: JSON.stringify([stored.name ?? null, stored.reference]),
            seenAt: new Date(stored.seenAt).getTime(),
            personCheckedAt: stored.person ? Number.POSITIVE_INFINITY : 0,
          }
        : { shape: '', seenAt: 0, personCheckedAt: 0 };
    }
    if ((!seen.trusted || !reference) && mine.shape)
      reference = (JSON.parse(mine.shape) as [unknown, typeof reference])[1] ?? undefined;
    const shape = JSON.stringify([seen.name ?? null, reference]);
    let person = mine.person;
    if (!person && now.getTime() - mine.personCheckedAt > UNKNOWN_PERSON_RECHECK_MS) {
      const field = seen.platform === 'teams' ? 'teamsId' : 'slackId';
      const match = await Person.findOne(
        { [field]: seen.platform === 'slack' ? seen.userId.split(':').pop() : seen.userId },
        { _id: 1 },
      ).lean();
      person = match ? String(match._id) : undefined;
      mine.personCheckedAt = now.getTime();
    }
    const changed = mine.shape !== shape || mine.person !== person;
    if (changed || now.getTime() - mine.seenAt > REFRESH_AFTER_MS) {
      const doc = {
        _id,
        platform: seen.platform,
        userId: seen.userId,
        name: seen.name,
        person,
        reference,
        seenAt: now,
      };
      // Two first messages at once (a double click, or a second instance) both upsert; the loser
      // of that race gets a duplicate key, and the document it wanted to write now exists.
      await Identity.replaceOne({ _id }, doc, { upsert: true }).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
        return Identity.replaceOne({ _id }, doc);
      });
      mine.seenAt = now.getTime();
    }
    this.known.set(_id, { ...mine, person, shape });
    return { personId: person };
  }
}

const book = new IdentityBook();

/** The process's identity book: see IdentityBook.record. */
export const recordSighting = (seen: Sighting, now?: Date) => book.record(seen, now);

/** The stored conversation reference of an account, when the bot has one. */
export async function referenceOf(platform: 'teams' | 'slack', userId: string) {
  const stored = await Identity.findById(`${platform}:${userId}`, { reference: 1 }).lean();
  return (stored?.reference as Record<string, unknown> | undefined) ?? undefined;
}
