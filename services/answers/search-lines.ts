import type { PriorityEntry, TargetEntry } from '../plan/snapshot';
import type { SearchHit } from '../plan/search';
import { figureText, figuresOf } from './figures';
import { excerpt } from './format';
import { ragReason } from './target-view';
import type { ListItemView } from './views';

/**
 * The lines of a search reply, best first: each target a question found as its own line with its
 * figures, and a priority found by its own words as its title when none of its targets was.
 * A priority's lines sit together, at the place of its best hit.
 */
export function searchLines(hits: readonly SearchHit[]): ListItemView[] {
  const byPriority = new Map<PriorityEntry, SearchHit[]>();
  for (const hit of hits) byPriority.set(hit.priority, [...(byPriority.get(hit.priority) ?? []), hit]);
  return [...byPriority].flatMap(([priority, found]) => {
    const targets = found.flatMap((h) => (h.target ? [h.target] : []));
    return targets.length ? targets.map((t) => targetLine(priority, t)) : [priorityLine(priority)];
  });
}

/**
 * A target as one line of a list: its priority's code, its text, and its figures in one line
 * ("Baseline 2001/02: 40.7% → Interim 2004: 46% → Target 2006: XX% · Latest: 44.8% as of 30 Jun
 * 2026"), its latest RAG beside it, and a button that opens its priority.
 */
export function targetLine(priority: PriorityEntry, target: TargetEntry): ListItemView {
  const code = priority.code ?? priority.key;
  const figures = figuresOf(target)
    .map((f) => `${f.label}: ${f.text}`)
    .join(' → ');
  const latest = target.latest ? `Latest: ${figureText(target.latest, target)}` : '';
  const rag = target.latest?.rag ?? undefined;
  return {
    code: priority.code ?? 'no code',
    title: excerpt(target.text ?? '', 160),
    detail: [figures, latest].filter(Boolean).join(' · ') || undefined,
    ...(rag ? { rag, reason: ragReason(target) } : {}),
    open: { label: `Open ${code}`, ask: `status of ${code}` },
    planId: priority.plan,
  };
}

function priorityLine(priority: PriorityEntry): ListItemView {
  const code = priority.code ?? priority.key;
  return {
    code: priority.code ?? 'no code',
    title: priority.title,
    detail: priority.aimEntry?.title,
    open: { label: `Open ${code}`, ask: `status of ${code}` },
    planId: priority.plan,
  };
}
