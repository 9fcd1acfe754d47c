import { loadRisks } from './read';

/**
 * The risks that threaten each target of a performance report (services/report/*): those linked to
 * the target, its priority or its aim, highest current score first, each as one line — "R12:
 * Falling school rolls reduce the schools budget. — B/II · 15 (High)". By target key; a target no
 * open risk threatens is absent.
 */
export async function risksThreatening(
  plan: string,
  targets: { key: string; priority?: string; aim?: string }[],
): Promise<Map<string, string[]>> {
  const risks = (await loadRisks([plan])).sort((a, b) => (b.now?.score ?? 0) - (a.now?.score ?? 0));
  const out = new Map<string, string[]>();
  if (!risks.length) return out;
  const own = (link: string) => (link.startsWith(`${plan}:`) ? link.slice(plan.length + 1) : link);
  for (const t of targets) {
    const keys = new Set([t.key, t.priority, t.aim].filter((k): k is string => !!k));
    const lines = risks
      .filter((r) => (r.risk.links ?? []).some((l) => keys.has(own(l))))
      .map(({ risk, now }) => {
        const where = now ? `${now.probability.code}/${now.impact.code} · ${now.score} (${now.band})` : '?';
        return `${risk.key}: ${risk.title} — ${where}`;
      });
    if (lines.length) out.set(t.key, lines);
  }
  return out;
}
