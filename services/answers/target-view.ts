import type { Rag } from '../../models/rag';
import { assess } from '../measure/assess';
import { amount } from '../measure/amount';
import { meaningOf } from '../measure/meaning';
import { forecast, trendText } from '../measure/trend';
import type { TargetEntry } from '../plan/snapshot';
import { figureText, figuresOf, ragLabel, reportedText } from './figures';
import { excerpt, ukDate } from './format';
import type { TargetView } from './views';

/** What a figure in these units can be at all, so a straight line does not forecast -2 schools. */
const BOUNDS: Record<string, { min?: number; max?: number }> = {
  percent: { min: 0, max: 100 },
  number: { min: 0 },
  count: { min: 0 },
  rate: { min: 0 },
  days: { min: 0 },
};

/**
 * A target as the status card shows it: its figures as printed, the latest figure with its RAG and
 * the reason for it, the trend and a year-end forecast. The RAG shown is the one recorded with the
 * update (the bot's suggestion, or the owner's choice with a reason); the reason line is always the
 * figures' own reckoning (services/measure/assess.ts), and says so when the owner chose otherwise.
 */
export function targetView(t: TargetEntry): TargetView {
  const view: TargetView = {
    id: t.key,
    // A deleted or completed target is kept in the plan and says so (issue 15), with its reason.
    text: withStatus(t.text, t.status, t.statusNote),
    piCodes: t.piCodes,
    figures: figuresOf(t),
    owner: t.ownerName ?? t.owner ?? undefined,
  };
  const notes = [
    t.dataQuality ? `Data quality: ${t.dataQuality}` : '',
    t.source ? `Source: ${t.source}` : '',
  ].filter(Boolean);
  if (notes.length) view.notes = notes.join(' · ');
  view.reason = ragReason(t);
  const latest = t.latest;
  if (!latest || (latest.text === undefined && latest.value === undefined)) return view;
  const { value, rag, asOf, commentary, at, correctiveAction, status } = latest;
  const previous = t.previous?.value;
  view.latest = {
    text: figureText(latest, t),
    rag: rag ?? undefined,
    asOf: ukDate(asOf),
    commentary: commentary ? excerpt(commentary) : undefined,
    trend:
      typeof value === 'number' && typeof previous === 'number'
        ? value > previous
          ? 'up'
          : value < previous
            ? 'down'
            : 'level'
        : undefined,
    correctiveAction: correctiveAction ? excerpt(correctiveAction) : undefined,
    // Only a figure the sign-off chain has not confirmed says so; `status` is absent on figures
    // recorded before sign-off existed, and those counted at once.
    status: status === 'provisional' || status === 'returned' ? status : undefined,
  };
  // "Latest confirmed" beside a provisional or returned figure, when an earlier one was confirmed.
  if (view.latest.status && t.confirmed && t.confirmed.update !== latest.update)
    view.confirmed = reportedText(t.confirmed, t);
  view.lastUpdated = ukDate(at);
  if (typeof value !== 'number') return view;
  const context = { tolerance: t.planTolerance, planEnd: t.planEnd };
  const recent = t.recent ?? [];
  view.trend = trendText(t, latest, t.previous, recent);
  const ahead = forecast(latest, t.previous, recent, BOUNDS[t.unit ?? ''] ?? {});
  if (ahead) {
    const would = assess(t, { value: ahead.value, asOf: ahead.by }, context).rag;
    view.forecast = `Year-end forecast, ${ukDate(ahead.by)}: ${amount(ahead.value, t, true)}${would ? ` (${ragLabel(would)})` : ''} — a straight line through ${ahead.from === 2 ? 'the last two figures' : `this year's ${ahead.from} figures`}, not a target.`;
  }
  return view;
}

/**
 * An item's text with where it stands, when it is not open: "… (deleted: Replaced by …)",
 * "… (complete)". Melton's improvement plan keeps deleted items with their reason.
 */
export function withStatus(text: string, status?: string | null, note?: string | null): string {
  if (status !== 'deleted' && status !== 'complete') return text;
  return `${text} (${status}${note ? `: ${excerpt(note, 160)}` : ''})`;
}

/**
 * Why a target's latest RAG is what it is, in one line, for every card that shows it (the status
 * card, "what's off track?", search lines, "my targets"); why there is none when the target is not
 * yet set; undefined with no figure and nothing to say.
 */
export function ragReason(t: TargetEntry): string | undefined {
  const latest = t.latest;
  if (!latest || (latest.text === undefined && latest.value === undefined)) {
    const unset =
      meaningOf(t.final).kind === 'notSet' || (!t.final && meaningOf(t.interim).kind === 'notSet');
    return unset
      ? `No RAG: the target is not yet set (the plan prints ${t.final?.text ?? t.interim?.text}).`
      : undefined;
  }
  const { value, rag, asOf } = latest;
  if (typeof value !== 'number')
    return rag ? `${ragLabel(rag)} as reported: this target is reported in words.` : undefined;
  const reckoned = assess(t, { value, asOf }, { tolerance: t.planTolerance, planEnd: t.planEnd });
  return !rag || reckoned.rag === rag ? reckoned.why : chosen(rag, latest.overrideReason, reckoned.why);
}

/**
 * The reason line when the RAG recorded is not the figures' own: the owner's choice first, with their
 * reason, then what the figures give. "● Green as reported; the plan gives no target figure to compare
 * with." / "▲ Amber as reported: <reason>. The figures give Red: 64% against …".
 */
function chosen(rag: Rag, overrideReason: string | null | undefined, why: string): string {
  const reported = `${ragLabel(rag)} as reported${overrideReason ? `: ${excerpt(overrideReason, 160)}` : ''}`;
  return why.startsWith('No RAG: ')
    ? `${reported}; ${why.slice('No RAG: '.length)}`
    : `${reported}. The figures give ${why}`;
}
