import { Delivery, Identity, Person } from '../../models';
import { insertNew } from '../../models/insert-new';
import { anyOf } from '../../models/operators';
import type { View } from '../answers/views';
import type { Platform } from './sender';

export interface Outgoing {
  /** Unique for what the message is for: the same key is never queued twice. */
  id: string;
  batch: string;
  person: string;
  message: View;
  /** Where to send it, when the caller knows better than the person's record (a Slack channel member). */
  to?: Address;
}

export interface Address {
  platform: Platform;
  address: Record<string, unknown>;
}

/**
 * Where each person can be reached: the conversation the bot last saw them in, or else their Teams
 * or Slack id from the plan (the 1:1 chat is created, the DM opened). Missing from the map when
 * neither is known. Two reads for any number of people: a broadcast to thousands must not look
 * each one up (on the embedded database each lookup by anything but _id reads the collection).
 */
export async function addressesOf(persons: readonly string[]): Promise<Map<string, Address>> {
  const wanted = [...new Set(persons)];
  const found = new Map<string, Address & { seenAt: number }>();
  if (wanted.length === 0) return found;
  const seen = await Identity.find(
    { person: anyOf(wanted) },
    { person: 1, platform: 1, reference: 1, seenAt: 1 },
  ).lean();
  for (const i of seen) {
    // Seen only where others read (a Teams channel): reached like someone never seen.
    if (!i.reference) continue;
    const at = new Date(i.seenAt).getTime();
    const person = String(i.person);
    if ((found.get(person)?.seenAt ?? -1) < at)
      found.set(person, {
        platform: i.platform,
        address: i.reference as Record<string, unknown>,
        seenAt: at,
      });
  }
  const rest = wanted.filter((p) => !found.has(p));
  const ids = rest.length ? await Person.find({ _id: anyOf(rest) }, { slackId: 1, teamsId: 1 }).lean() : [];
  const result = new Map<string, Address>();
  for (const [person, { platform, address }] of found) result.set(person, { platform, address });
  for (const p of ids) {
    if (p.teamsId) result.set(p._id, { platform: 'teams', address: { teamsUser: p.teamsId } });
    else if (p.slackId) result.set(p._id, { platform: 'slack', address: { user: p.slackId } });
  }
  return result;
}

export async function addressOf(person: string): Promise<Address | undefined> {
  return (await addressesOf([person])).get(person);
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
  const addresses = await addressesOf(messages.filter((m) => !m.to).map((m) => m.person));
  for (const m of messages) {
    const to = m.to ?? addresses.get(m.person);
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
