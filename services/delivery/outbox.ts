import { Delivery, Identity, Person } from '../../models';
import { insertNew } from '../../models/insert-new';
import type { View } from '../answers/views';
import type { Platform } from './sender';

export interface Outgoing {
  /** Unique for what the message is for: the same key is never queued twice. */
  id: string;
  batch: string;
  person: string;
  message: View;
}

export interface Address {
  platform: Platform;
  address: Record<string, unknown>;
}

/**
 * Where a person can be reached: the conversation the bot last saw them in, or else their Teams or
 * Slack id from the plan (the 1:1 chat is created, the DM opened). Undefined when neither is known.
 */
export async function addressOf(person: string): Promise<Address | undefined> {
  const seen = await Identity.find({ person }).sort({ seenAt: -1 }).limit(1).lean();
  const last = seen[0];
  if (last) return { platform: last.platform, address: last.reference as Record<string, unknown> };
  const known = await Person.findById(person, { slackId: 1, teamsId: 1 }).lean();
  if (known?.teamsId) return { platform: 'teams', address: { teamsUser: known.teamsId } };
  return known?.slackId ? { platform: 'slack', address: { user: known.slackId } } : undefined;
}

/**
 * Queues messages. Inserting with the message's own key is what makes the outbox idempotent: a job
 * that runs twice, or on two instances at once, queues each message once. Returns who could not
 * be reached, so the caller can tell someone.
 */
export async function enqueue(
  messages: Outgoing[],
  now: Date,
): Promise<{ queued: number; unreachable: string[] }> {
  const unreachable: string[] = [];
  const docs = [];
  const addresses = new Map<string, Address | undefined>();
  for (const m of messages) {
    if (!addresses.has(m.person)) addresses.set(m.person, await addressOf(m.person));
    const to = addresses.get(m.person);
    if (!to) {
      if (!unreachable.includes(m.person)) unreachable.push(m.person);
      continue;
    }
    docs.push({ _id: m.id, batch: m.batch, person: m.person, ...to, message: m.message, nextAt: now });
  }
  // Already queued by an earlier run of the same job is exactly what we want: it is kept.
  const queued = await insertNew(Delivery, docs);
  return { queued, unreachable };
}
