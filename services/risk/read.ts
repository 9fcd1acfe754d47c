import { Person, Plan, Risk, RiskReview } from '../../models';
import type { RiskDoc, RiskReviewDoc } from '../../models/risk';
import { anyOf } from '../../models/operators';
import { ukDate } from '../answers/format';
import { notice } from '../answers/notice';
import type { NoticeView } from '../answers/views';
import type { Links } from '../links';
import type { PlanSnapshot } from '../plan/snapshot';
import { matrixOf, score, type Position, type RiskMatrix } from './matrix';
import type { RiskLineView, RiskListView, RiskView } from './views';

/** How many risks a list shows: a card's worth; the rest are counted. */
export const RISK_LIST_LIMIT = 8;

export type StoredRisk = RiskDoc & { _id: string };
export interface ScoredRisk {
  risk: StoredRisk;
  matrix: RiskMatrix;
  now: Position | undefined;
}

/** The signed address of a plan's matrix picture (services/files.ts draws it). */
export const matrixPath = (plan: string) => `/files/risks/${encodeURIComponent(plan)}/matrix.png`;

/** Every open risk of `plans` (all when none named), scored on its plan's matrix. */
export async function loadRisks(plans?: string[]): Promise<ScoredRisk[]> {
  const filter = plans ? { plan: anyOf(plans) } : {};
  const [risks, planDocs] = await Promise.all([
    Risk.find(filter).sort({ plan: 1, order: 1 }).lean() as Promise<StoredRisk[]>,
    Plan.find(plans ? { _id: anyOf(plans) } : {}, { riskMatrix: 1 }).lean(),
  ]);
  const matrices = new Map(planDocs.map((p) => [String(p._id), matrixOf(p)]));
  return risks
    .filter((r) => r.status !== 'closed')
    .map((risk) => {
      const matrix = matrices.get(risk.plan) ?? matrixOf(undefined);
      return { risk, matrix, now: score(matrix, risk.probability, risk.impact) };
    });
}

/** Highest current score first; ties in register order. */
const byScore = (a: ScoredRisk, b: ScoredRisk) => (b.now?.score ?? 0) - (a.now?.score ?? 0);

const short = (p: Position | undefined) =>
  p ? `${p.probability.code}/${p.impact.code} · ${p.score} (${p.band})` : '?';

async function namesOf(emails: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.filter((e): e is string => !!e))];
  if (!wanted.length) return new Map();
  const people = await Person.find({ _id: anyOf(wanted) }, { name: 1 }).lean();
  return new Map(people.map((p) => [String(p._id), p.name]));
}

function lines(risks: ScoredRisk[], names: Map<string, string>, severalPlans: boolean): RiskLineView[] {
  return risks.map(({ risk, now }) => ({
    id: risk.key,
    title: risk.title,
    current: short(now),
    band: now?.band ?? '',
    detail: [
      risk.owner ? `Owner: ${names.get(risk.owner) ?? risk.owner}` : 'No owner',
      ...(risk.reviewOn ? [`review by ${ukDate(risk.reviewOn)}`] : []),
    ].join(' · '),
    ask: severalPlans ? `risk ${risk.key} in ${risk.plan}` : `risk ${risk.key}`,
  }));
}

function planNames(snapshot: PlanSnapshot, ids: string[]): string {
  return ids.map((id) => snapshot.planById(id)?.title ?? id).join('; ');
}

/**
 * A list of risks, highest current score first, with the matrix picture of each plan in it
 * (signed by `links`; none without).
 */
function riskList(
  title: string,
  found: ScoredRisk[],
  snapshot: PlanSnapshot,
  names: Map<string, string>,
  links: Links | undefined,
  intro?: string,
): RiskListView {
  const sorted = [...found].sort(byScore);
  const plans = [...new Set(sorted.map((r) => r.risk.plan))];
  const shown = sorted.slice(0, RISK_LIST_LIMIT);
  return {
    kind: 'riskList',
    title,
    plan: planNames(snapshot, plans) || undefined,
    intro,
    items: lines(shown, names, plans.length > 1),
    more: sorted.length - shown.length,
    matrices: links
      ? plans.map((plan) => ({
          url: links.url(matrixPath(plan)),
          alt: matrixAlt(
            sorted.filter((r) => r.risk.plan === plan),
            snapshot.planById(plan)?.title ?? plan,
          ),
        }))
      : [],
  };
}

/** The matrix picture in words, for people who cannot see it: each risk's cell and band. */
export function matrixAlt(risks: ScoredRisk[], planName: string): string {
  const where = risks.map((r) => `${r.risk.key} at ${short(r.now)}`).join('; ');
  return `Risk matrix of ${planName}, probability by impact: ${where || 'no open risks'}.`;
}

/** "top risks": every open risk, highest current score first. */
export async function topRisks(
  snapshot: PlanSnapshot,
  plan: string | undefined,
  links?: Links,
): Promise<RiskListView | NoticeView> {
  const found = await loadRisks(plan ? [plan] : undefined);
  if (!found.length) return notice('No open risks are recorded in the risk register.', ['help']);
  const names = await namesOf(found.map((r) => r.risk.owner));
  return riskList('Top risks', found, snapshot, names, links, 'Highest current score first.');
}

/**
 * "risks for education", "risks to ED.1": risks linked to the aim, priority or target named (an
 * aim brings in its priorities and their targets), or whose title, cause or effect mentions it.
 */
export async function risksFor(
  about: string,
  snapshot: PlanSnapshot,
  plan: string | undefined,
  links?: Links,
): Promise<RiskListView | NoticeView> {
  const wanted = about.trim().toLowerCase();
  const keys = new Set<string>();
  const add = (planId: string, key: string) => keys.add(`${planId}:${key}`.toLowerCase());
  for (const aim of snapshot.aims) {
    if (plan && aim.plan !== plan) continue;
    const names = [aim.key, aim.title, aim.code, ...aim.aliases].filter((n): n is string => !!n);
    if (!names.some((n) => n.toLowerCase() === wanted)) continue;
    add(aim.plan, aim.key);
    for (const p of snapshot.priorities.filter((q) => q.plan === aim.plan && q.aim === aim.key)) {
      add(p.plan, p.key);
      p.targets.forEach((t) => add(t.plan, t.key));
    }
  }
  for (const p of snapshot.prioritiesByCode(about)) {
    if (plan && p.plan !== plan) continue;
    add(p.plan, p.key);
    p.targets.forEach((t) => add(t.plan, t.key));
  }
  for (const p of snapshot.priorities)
    for (const t of p.targets)
      if (t.key.toLowerCase() === wanted && (!plan || t.plan === plan)) add(t.plan, t.key);

  const all = await loadRisks(plan ? [plan] : undefined);
  const linked = (r: StoredRisk) =>
    (r.links ?? []).some((l) => keys.has((l.includes(':') ? l : `${r.plan}:${l}`).toLowerCase()));
  const mentions = (r: StoredRisk) =>
    [r.title, r.cause, r.effect].some((t) => !!t && t.toLowerCase().includes(wanted));
  const found = all.filter((r) => linked(r.risk) || mentions(r.risk));
  if (!found.length) return notice(`No open risk is linked to "${about}" or mentions it.`, ['top risks']);
  const names = await namesOf(found.map((r) => r.risk.owner));
  return riskList(`Risks for ${about}`, found, snapshot, names, links, 'Highest current score first.');
}

/** "risk R12": the risk in full, with its reviews newest first. */
export async function riskInFull(
  id: string,
  snapshot: PlanSnapshot,
  plan: string | undefined,
): Promise<RiskView | NoticeView> {
  const key = id.trim().toLowerCase();
  const candidates = (
    (await Risk.find(plan ? { plan } : {})
      .sort({ plan: 1, order: 1 })
      .lean()) as StoredRisk[]
  ).filter((r) => r.key.toLowerCase() === key);
  const risk = candidates[0];
  if (!risk) return notice(`There is no risk ${id} in the risk register.`, ['top risks']);
  const planDoc = await Plan.findById(risk.plan, { riskMatrix: 1, title: 1 }).lean();
  const matrix = matrixOf(planDoc);
  const reviews = (
    (await RiskReview.find({ risk: risk._id }).lean()) as (RiskReviewDoc & { _id: string })[]
  ).sort((a, b) => b.at.getTime() - a.at.getTime());
  const names = await namesOf([
    risk.owner,
    ...(risk.actions ?? []).map((a) => a.owner),
    ...reviews.map((r) => r.by),
  ]);
  const now = score(matrix, risk.probability, risk.impact);
  const target =
    risk.targetProbability && risk.targetImpact
      ? score(matrix, risk.targetProbability, risk.targetImpact)
      : undefined;
  const positionOf = (p: string | null | undefined, i: string | null | undefined) =>
    p && i ? short(score(matrix, p, i)) : '?';
  return {
    kind: 'risk',
    id: risk.key,
    title: risk.title,
    plan: planDoc?.title ?? risk.plan,
    status: risk.status === 'closed' ? 'Closed' : 'Open',
    owner: risk.owner ? (names.get(risk.owner) ?? risk.owner) : undefined,
    cause: risk.cause ?? undefined,
    effect: risk.effect ?? undefined,
    current: now ? `${short(now)} — ${now.probability.name} probability, ${now.impact.name} impact` : '?',
    band: now?.band ?? '',
    target: target
      ? `${short(target)} — ${target.probability.name} probability, ${target.impact.name} impact`
      : undefined,
    controls: risk.controls ?? [],
    actions: (risk.actions ?? []).map((a) =>
      [
        a.text,
        a.due ? `by ${ukDate(a.due)}` : undefined,
        a.owner ? (names.get(a.owner) ?? a.owner) : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    reviewOn: risk.reviewOn ? ukDate(risk.reviewOn) : undefined,
    links: (risk.links ?? []).map((l) => linkText(l, risk.plan, snapshot)),
    reviews: reviews.map((r) => ({
      line: `${ukDate(r.at)} · ${names.get(r.by) ?? r.by} · ${positionOf(r.before?.probability, r.before?.impact)} → ${positionOf(r.probability, r.impact)}`,
      comment: r.comment ?? undefined,
    })),
  };
}

/** "ED.1/1 — To increase …": a link with the title of what it names, where the plan has it. */
function linkText(link: string, plan: string, snapshot: PlanSnapshot): string {
  const colon = link.indexOf(':');
  const planId = colon < 0 ? plan : link.slice(0, colon);
  const key = link.slice(colon + 1);
  const aim = snapshot.aims.find((a) => a.plan === planId && a.key === key);
  const priority = snapshot.priorities.find((p) => p.plan === planId && p.key === key);
  const target = snapshot.priorities
    .filter((p) => p.plan === planId)
    .flatMap((p) => p.targets)
    .find((t) => t.key === key);
  const title = aim?.title ?? priority?.title ?? target?.text;
  const shown = planId === plan ? key : link;
  return title ? `${shown} — ${title}` : shown;
}
