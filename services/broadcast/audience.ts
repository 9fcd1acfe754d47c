import { parse as parseCsv } from 'csv-parse/sync';
import { Identity, Person, ROLES } from '../../models';
import { anyOf } from '../../models/operators';
import type { Role } from '../../models/person';
import { addressesOf, type Address } from '../delivery/outbox';

/** Someone a broadcast goes to: a person in the plan, or a channel member known only by account. */
export interface Recipient {
  /** The person's email, or "teams:<id>" / "slack:<id>" for a member not in the plan's people. */
  key: string;
  name: string;
  /** Where to send, when known without the person's record. */
  to?: Address;
}

export interface ChannelMember {
  userId: string;
  name?: string;
  email?: string;
}

/** The members of a Teams or Slack channel; implemented by each channel in bot/. */
export type ChannelDirectory = (platform: 'teams' | 'slack', channel: string) => Promise<ChannelMember[]>;

export class AudienceError extends Error {}

export interface Audience {
  recipients: Recipient[];
  /** Who the audience named but cannot be reached: list emails not in the plan, people with no account. */
  unreachable: string[];
  /** "Housing (department)" — for the preview and the status card. */
  description: string;
}

const ROLE_WORDS: Record<string, Role> = {
  councillor: 'member',
  councillors: 'member',
  members: 'member',
  'policy team': 'policy',
  owners: 'owner',
  'service managers': 'owner',
  deputies: 'deputy',
};

// The domain's first label has no dot in it, so the two runs around the `.` cannot trade characters.
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>.]+\.[^\s@,;<>]+$/;

export const AUDIENCE_HELP =
  'Say who it is for: "everyone", "department: Housing", "role: councillors", "list: a@council.gov.uk, b@council.gov.uk" (or a CSV with an email column), "teams channel: <channel id>" or "slack channel: #consultation".';

/**
 * Resolves what the author wrote into recipients, each once. Throws AudienceError with a message
 * for the author when the audience is not understood or names nobody.
 */
export async function resolveAudience(spec: string, directory?: ChannelDirectory): Promise<Audience> {
  const text = spec.trim();
  if (!text) throw new AudienceError(`The audience is empty. ${AUDIENCE_HELP}`);
  // The kind ends in a letter, so it cannot trade spaces with the `\s*` before the colon.
  const match = /^([a-z ]*[a-z])\s*:([\s\S]*)$/i.exec(text);
  const kind = (match?.[1] ?? text).toLowerCase().trim();
  const value = (match?.[2] ?? '').trim();
  let audience: Audience;
  if (!match && ['everyone', 'all', 'all staff'].includes(kind))
    audience = await people({}, 'everyone known to the bot');
  else if (kind === 'department' && value) {
    const departments = ((await Person.distinct('department')) as (string | null)[]).filter(
      (d): d is string => !!d,
    );
    const wanted = departments.find((d) => d.toLowerCase() === value.toLowerCase());
    if (!wanted)
      throw new AudienceError(
        `There is no department called "${value.slice(0, 80)}". The departments are: ${departments.sort().join(', ') || 'none yet'}.`,
      );
    audience = await people({ department: wanted }, `${wanted} (department)`);
  } else if (kind === 'role' && value) {
    const word = value.toLowerCase();
    const role = ROLE_WORDS[word] ?? (ROLES as readonly string[]).find((r) => r === word.replace(/s$/, ''));
    if (!role)
      throw new AudienceError(
        `"${value.slice(0, 80)}" is not a role. Roles: ${ROLES.join(', ')} (or councillors).`,
      );
    audience = await people({ roles: role }, `role: ${role}`);
  } else if (kind === 'list' && value) audience = await list(value);
  else if ((kind === 'teams channel' || kind === 'slack channel') && value) {
    const platform = kind.startsWith('teams') ? 'teams' : 'slack';
    const channel =
      platform === 'slack' ? (/^<#(\w+)(?:\|[^>]*)?>$/.exec(value)?.[1] ?? value.replace(/^#/, '')) : value;
    if (!directory)
      throw new AudienceError(`${platform === 'teams' ? 'Teams' : 'Slack'} is not connected here.`);
    audience = await channelMembers(platform, channel, await directory(platform, channel));
  } else throw new AudienceError(`I don't understand the audience "${text.slice(0, 80)}". ${AUDIENCE_HELP}`);

  if (audience.recipients.length === 0)
    throw new AudienceError(
      `The audience "${audience.description}" resolves to nobody the bot can reach${
        audience.unreachable.length ? ` (${audience.unreachable.length} named but not reachable)` : ''
      }, so nothing was sent.`,
    );
  return audience;
}

async function people(filter: Record<string, string>, description: string): Promise<Audience> {
  const found = await Person.find(filter, { name: 1 }).lean();
  return reachable(
    found.map((p) => ({ key: p._id, name: p.name })),
    [],
    description,
  );
}

/** Keeps the recipients the bot can reach, each once; the others are named as unreachable. */
async function reachable(
  candidates: Recipient[],
  unreachable: string[],
  description: string,
): Promise<Audience> {
  const unique = [...new Map(candidates.map((r) => [r.key, r])).values()];
  const addresses = await addressesOf(unique.filter((r) => !r.to).map((r) => r.key));
  const recipients = unique.filter((r) => r.to || addresses.has(r.key));
  const missing = unique.filter((r) => !r.to && !addresses.has(r.key)).map((r) => r.key);
  return { recipients, unreachable: [...unreachable, ...missing], description };
}

/** A named list: emails separated by commas, spaces or lines, or a CSV with an "email" column. */
async function list(value: string): Promise<Audience> {
  const emails = listEntries(value);
  const bad = emails.filter((e) => !EMAIL.test(e));
  if (bad.length)
    throw new AudienceError(
      `These are not email addresses: ${bad
        .slice(0, 5)
        .map((b) => `"${b.slice(0, 60)}"`)
        .join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}. Nothing was sent.`,
    );
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  const known = new Map((await Person.find({}, { name: 1 }).lean()).map((p) => [p._id, p.name]));
  return reachable(
    wanted.filter((e) => known.has(e)).map((e) => ({ key: e, name: known.get(e) ?? e })),
    wanted.filter((e) => !known.has(e)),
    `a list of ${wanted.length}`,
  );
}

/** A list's entries as written (not yet checked): throws AudienceError when a CSV cannot be read. */
function listEntries(value: string): string[] {
  const header = value.indexOf('\n');
  // A CSV: a first line naming an "email" column, then rows.
  if (header >= 0 && /email/i.test(value.slice(0, header))) {
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(value, {
        columns: (header: string[]) => header.map((c) => c.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
      });
    } catch (error) {
      throw new AudienceError(`The CSV list could not be read: ${(error as Error).message}`);
    }
    return rows.map((r) => r.email ?? '');
  }
  return value.split(/[\s,;]+/).filter(Boolean);
}

/** Entries of a list the status card names before "and N more". */
const NAMED = 3;
const SUMMARY_MAX = 120;

/**
 * The audience as the author wrote it, short enough to sit under a broadcast's counts: a list names
 * its first three entries and counts the rest ("list: a@x.gov.uk, b@x.gov.uk, c@x.gov.uk and 39
 * more"), anything else is shown on one line, cut at 120 characters. A list that can no longer be
 * read is cut like the rest. Pure: no database, never throws.
 */
export function summariseAudience(spec: string): string {
  const text = spec.trim();
  const match = /^list\s*:([\s\S]*)$/i.exec(text);
  let entries: string[] | undefined;
  try {
    entries = match ? [...new Set(listEntries((match[1] ?? '').trim()))] : undefined;
  } catch {
    entries = undefined;
  }
  // The count of the rest is never the part that is cut.
  const more = entries && entries.length > NAMED ? ` and ${entries.length - NAMED} more` : '';
  const named = entries ? `list: ${entries.slice(0, NAMED).join(', ')}` : text.replace(/\s+/g, ' ');
  const room = SUMMARY_MAX - more.length;
  return `${named.length <= room ? named : `${named.slice(0, room - 1)}…`}${more}`;
}

async function channelMembers(
  platform: 'teams' | 'slack',
  channel: string,
  members: ChannelMember[],
): Promise<Audience> {
  const people = await Person.find({}, { name: 1, teamsId: 1, slackId: 1 }).lean();
  const account = (p: (typeof people)[number]) => (platform === 'teams' ? p.teamsId : p.slackId);
  const byAccount = new Map(people.filter((p) => account(p)).map((p) => [String(account(p)), p]));
  const byEmail = new Map(people.map((p) => [p._id, p]));
  const recipients = members.map((m): Recipient => {
    const person = byAccount.get(m.userId) ?? (m.email ? byEmail.get(m.email.toLowerCase()) : undefined);
    const to: Address = {
      platform,
      address: platform === 'teams' ? { teamsUser: m.userId } : { user: m.userId },
    };
    return person
      ? { key: person._id, name: person.name, to }
      : { key: `${platform}:${m.userId}`, name: m.name ?? m.userId, to };
  });
  // A member who has talked to the bot is sent to where they did; the others through the account
  // the channel gave (a Teams 1:1 chat is created, a Slack DM opened).
  const seen = new Set(
    (await Identity.find({ person: anyOf(recipients.map((r) => r.key)) }, { person: 1 }).lean()).map((i) =>
      String(i.person),
    ),
  );
  return reachable(
    recipients.map((r) => (seen.has(r.key) ? { key: r.key, name: r.name } : r)),
    [],
    `members of the ${platform === 'teams' ? 'Teams' : 'Slack'} channel ${channel}`,
  );
}
