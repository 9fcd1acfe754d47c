import { Identity, Person } from '../../models';

export interface Sighting {
  platform: 'teams' | 'slack';
  userId: string;
  name?: string;
  reference: Record<string, unknown>;
}

const REFRESH_AFTER_MS = 60 * 60 * 1000;

/**
 * Remembers who the bot has seen and how to reach them, and says which person in the plan they
 * are. A lookup by `_id` on every turn; a write only when something changed or an hour has passed.
 */
export async function recordSighting(seen: Sighting, now: Date = new Date()): Promise<{ personId?: string }> {
  const _id = `${seen.platform}:${seen.userId}`;
  const known = await Identity.findById(_id).lean();
  const reference = JSON.parse(JSON.stringify(seen.reference)) as Record<string, unknown>;
  let person = known?.person ?? undefined;
  if (!person) {
    const field = seen.platform === 'teams' ? 'teamsId' : 'slackId';
    const match = await Person.findOne(
      { [field]: seen.platform === 'slack' ? seen.userId.split(':').pop() : seen.userId },
      { _id: 1 },
    ).lean();
    person = match ? String(match._id) : undefined;
  }
  const stale = !known || now.getTime() - new Date(known.seenAt).getTime() > REFRESH_AFTER_MS;
  const changed =
    !known ||
    known.person !== person ||
    JSON.stringify(known.reference) !== JSON.stringify(reference) ||
    known.name !== seen.name;
  if (stale || changed) {
    await Identity.replaceOne(
      { _id },
      { _id, platform: seen.platform, userId: seen.userId, name: seen.name, person, reference, seenAt: now },
      { upsert: true },
    );
  }
  return { personId: person };
}
