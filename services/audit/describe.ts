import { reportedText, ragLabel } from '../answers/figures';
import { excerpt, ukDate } from '../answers/format';
import { RAGS, type Rag } from '../../models/rag';

/** The parts of an audit row that say what changed (services/audit/record.ts writes them). */
export interface ChangeFacts {
  action: string;
  entity: string;
  entityId: string;
  event?: string | null;
  before?: unknown;
  after?: unknown;
}

type Fields = Record<string, unknown>;

const NOUNS: Record<string, string> = {
  plans: 'Plan',
  aims: 'Aim',
  priorities: 'Priority',
  targets: 'Target',
  people: 'Person',
  cycles: 'Cycle',
  demo: 'Demo history',
};

/** Field names as the policy team reads them; others are shown as stored. */
const FIELD_NAMES: Record<string, string> = {
  awayUntil: 'away until',
  teamsId: 'Teams id',
  slackId: 'Slack id',
  lineManager: 'line manager',
  piCodes: 'PI codes',
  final: 'target',
  supportedBy: 'supported by',
};

/**
 * "ED.1/1" for the target `leicester:ED.1/1`: aims, priorities and targets are stored with their
 * plan in front of their key, and the trail names them as the plan prints them. Cycles
 * (`plan:q3-2026-27`) keep their slug; people and plans are named by their id.
 */
export function entityLabel(entity: string, entityId: string): string {
  if (!['aims', 'priorities', 'targets', 'cycles'].includes(entity)) return entityId;
  const colon = entityId.indexOf(':');
  return colon < 0 ? entityId : entityId.slice(colon + 1);
}

const fields = (value: unknown): Fields =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};

const isRag = (value: unknown): value is Rag => RAGS.includes(value as Rag);

/**
 * A stored value in a few words: a figure as printed ("46%"), a list joined, a date in UK form,
 * anything long cut short. Nothing recorded is "none".
 */
export function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'none';
  if (value instanceof Date) return ukDate(value);
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? ukDate(value) : excerpt(value, 80);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length ? excerpt(value.map(valueText).join(', '), 80) : 'none';
  const f = fields(value);
  // A figure ({label, text, value}) reads as it is printed; an update as its reported figure.
  if (typeof f.text === 'string' && !('asOf' in f)) return excerpt(f.text, 80);
  if (typeof f.asOf === 'string') return reported(f);
  if (typeof f.name === 'string') return excerpt(f.name, 80);
  return excerpt(JSON.stringify(value), 80);
}

function reported(f: Fields): string {
  return reportedText(
    {
      value: typeof f.value === 'number' ? f.value : undefined,
      text: typeof f.text === 'string' ? f.text : undefined,
      rag: typeof f.rag === 'string' ? f.rag : undefined,
      asOf: String(f.asOf),
    },
    typeof f.unit === 'string' ? f.unit : undefined,
  );
}

const away = (f: Fields) =>
  typeof f.awayUntil === 'string' && f.awayUntil ? `away until ${ukDate(f.awayUntil)}` : 'not away';

/**
 * One change in words, as the audit trail lists it: "Owner of ED.1/1: a@x → b@y", "Leave: away
 * until 12 Dec 2026 (was not away)", "Cycle Q3 2026/27 opened", "Update of ED.1/1: 41% (● Green)
 * as of 31 Dec 2026". Rows of any age are described: those of an import (no `event`) from their
 * entity, action and the fields before and after.
 */
export function describeChange(row: ChangeFacts): string {
  const label = entityLabel(row.entity, row.entityId);
  const before = fields(row.before);
  const after = fields(row.after);
  switch (row.event) {
    case 'update':
      return `Update of ${label}: ${reported(after)}${row.before ? ` (was ${reported(before)})` : ''}`;
    case 'rag-override': {
      const said = (r: unknown) => (isRag(r) ? ragLabel(r) : 'none');
      const reason =
        typeof after.overrideReason === 'string' ? ` Reason: ${excerpt(after.overrideReason, 160)}` : '';
      return `RAG of ${label} overridden: ${said(before.rag)} suggested → ${said(after.rag)} reported.${reason}`;
    }
    case 'assign': {
      const role = 'deputy' in after ? 'deputy' : 'owner';
      return `${role === 'owner' ? 'Owner' : 'Deputy'} of ${label}: ${valueText(before[role])} → ${valueText(after[role])}`;
    }
    case 'leave':
      return `Leave: ${away(after) === 'not away' ? 'back' : away(after)} (was ${away(before)})`;
    case 'cycle-open': {
      const due = typeof after.dueOn === 'string' ? `, due ${ukDate(after.dueOn)}` : '';
      const n = typeof after.targetCount === 'number' ? `: ${after.targetCount} targets${due}` : due;
      return `Cycle ${valueText(after.name ?? label)} opened${n}`;
    }
    case 'cycle-close': {
      const on = typeof after.closedOn === 'string' ? ` on ${ukDate(after.closedOn)}` : '';
      return `Cycle ${valueText(after.name ?? label)} closed${on} (was ${valueText(before.status)})`;
    }
  }
  return describeRecord(row.entity, label, row.action, before, after);
}

/** An import's (or an older service's) row: what was added, removed, or which fields changed. */
function describeRecord(
  entity: string,
  label: string,
  action: string,
  before: Fields,
  after: Fields,
): string {
  const noun = NOUNS[entity] ?? entity;
  if (entity === 'demo') return `${noun} loaded for ${label}`;
  if (action === 'create') return `${noun} ${label} added`;
  if (action === 'remove') return `${noun} ${label} removed`;
  // Updates recorded before rows had an event: the target's latest figure before and after.
  if (entity === 'targets' && typeof after.asOf === 'string' && 'update' in after)
    return `Update of ${label}: ${reported(after)}${Object.keys(before).length ? ` (was ${reported(before)})` : ''}`;
  if (entity === 'cycles' && typeof after.status === 'string')
    return `Cycle ${label} ${after.status === 'closed' ? 'closed' : after.status}`;
  const changed = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  if (!changed.length) return `${noun} ${label} changed`;
  const parts = changed.map((f) => `${FIELD_NAMES[f] ?? f} ${valueText(before[f])} → ${valueText(after[f])}`);
  return excerpt(`${noun} ${label}: ${parts.join('; ')}`, 300);
}
