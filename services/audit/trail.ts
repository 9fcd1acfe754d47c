import { LIST_LIMIT, listView } from '../answers/answer';
import { ukDate, ukDateTime } from '../answers/format';
import { notice } from '../answers/notice';
import type { ListItemView, View } from '../answers/views';
import type { PlanSnapshot } from '../plan/snapshot';
import { sinceDate } from './ask';
import { changeText, peopleOf, readAudit, type AuditRow } from './read';

/** Lists are cut at a hundred items whatever is asked (services/answers/paging.ts). */
export const TRAIL_LIMIT = 100;

const CHANNEL_NAMES: Record<string, string> = {
  teams: 'Teams',
  slack: 'Slack',
  cli: 'command line',
  import: 'plan import',
  chat: 'chat',
};

/** How a row's channel reads in a line of the trail: "Teams", "command line", "plan import". */
export const channelName = (channel: string): string => CHANNEL_NAMES[channel] ?? channel;

/**
 * "audit", "changes to ED.1", "changes to ED.1/1", "audit since 1 Nov": the latest changes, newest
 * first, a page at a time — each line what changed, then when, who (by name) and through which
 * channel. A priority's changes include its targets'. Only the policy team may ask; the caller
 * checks (services/commands/commands.ts). `about` and `since` are as typed; `now` dates "since".
 */
export async function auditTrail(
  ask: { about?: string; since?: string },
  plan: PlanSnapshot,
  now: Date,
  offset = 0,
): Promise<View> {
  const since = ask.since === undefined ? undefined : sinceDate(ask.since, now);
  if (ask.since !== undefined && !since)
    return notice(
      `I couldn't read "${ask.since}" as a date. Try "audit since 1 Nov" or "audit since 2026-11-01".`,
      ['audit'],
    );
  let about: { label: string; ids: string[] } | undefined;
  if (ask.about !== undefined) {
    about = entitiesOf(ask.about, plan);
    if (!about)
      return notice(`I couldn't find a priority or target called ${ask.about.toUpperCase()} in the plan.`, [
        'audit',
      ]);
  }
  const rows = await readAudit({ entityIds: about?.ids, since, latest: TRAIL_LIMIT });
  const sinceText = since ? ` since ${ukDate(since)}` : '';
  const title = about ? `Changes to ${about.label}${sinceText}` : `Audit trail${sinceText}`;
  if (!rows.length)
    return notice(`No changes${about ? ` to ${about.label}` : ''} are recorded${sinceText}.`, ['audit']);
  const { names } = await peopleOf(rows.map((r) => r.by));
  const many = plan.plans.length > 1;
  const items = rows.map((r) => line(r, names, many));
  const again = `audit${about ? ` of ${about.label}` : ''}${since ? ` since ${isoDay(since)}` : ''}`;
  const intro =
    rows.length === TRAIL_LIMIT
      ? `The latest ${TRAIL_LIMIT} changes, newest first; "npm run plan -- audit" exports them all as CSV.`
      : `${rows.length} change${rows.length === 1 ? '' : 's'}, newest first.`;
  return listView(title, items, again, intro, LIST_LIMIT, offset);
}

/** A priority (with its targets) or a target, by code or key, in any plan of the snapshot. */
function entitiesOf(typed: string, plan: PlanSnapshot): { label: string; ids: string[] } | undefined {
  const priority = plan.priorityByCode(typed);
  if (priority)
    return {
      label: priority.code ?? priority.key,
      ids: [priority._id, ...priority.targets.map((t) => t._id)],
    };
  const wanted = typed.trim().toLowerCase();
  const targets = plan.priorities.flatMap((p) => p.targets).filter((t) => t.key.toLowerCase() === wanted);
  const first = targets[0];
  return first ? { label: first.key, ids: targets.map((t) => t._id) } : undefined;
}

function line(row: AuditRow, names: ReadonlyMap<string, string>, withPlan: boolean): ListItemView {
  const who = names.get(row.by) ?? row.by;
  const planText = withPlan && row.plan ? [row.plan] : [];
  return {
    code: '',
    title: changeText(row),
    detail: [ukDateTime(new Date(row.at)), who, channelName(row.channel), ...planText].join(' · '),
  };
}

/** yyyy-mm-dd of a London midnight: a "Show more" asks for the same day however "since" was said. */
function isoDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
}
