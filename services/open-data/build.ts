import { Aim, Person, Plan, Priority, Target } from '../../models';
import { anyOf } from '../../models/operators';
import type { Rag } from '../../models/rag';
import { ragLabel } from '../answers/figures';
import { ragReason } from '../answers/target-view';
import { amount } from '../measure/amount';
import { planEndOf } from '../measure/period';
import { trendText } from '../measure/trend';
import type { TargetEntry } from '../plan/snapshot';
import { confirmedTest } from './confirmed';
import {
  OPEN_DATA_FORMAT,
  openDataPlanSchema,
  type OpenDataFigure,
  type OpenDataPlan,
  type OpenDataPlanSummary,
  type OpenDataTarget,
} from './model';

type Stored = Record<string, unknown>;
/** A figure as a target keeps it (models/target.ts `latest`, `previous`, `recent`, `confirmed`). */
interface Snapshot {
  update: string;
  asOf: string;
  value?: number | null;
  text?: string | null;
  rag?: string | null;
  at: Date;
  status?: string | null;
}
type PlanLike = Stored & {
  _id: string;
  title: string;
  organisation: string;
  period?: { label?: string | null; start?: string | null; end?: string | null } | null;
  status: OpenDataPlanSummary['status'];
  version: number;
  tolerance?: number | null;
  openData?: { owners?: string | null } | null;
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const isRag = (v: unknown): v is Rag => v === 'red' || v === 'amber' || v === 'green';

/** Where a plan is published, as paths on this server. */
export function openDataLinks(planId: string): OpenDataPlanSummary['links'] {
  const base = `/open-data/plans/${planId}`;
  return { html: base, json: `${base}.json`, csv: `${base}.csv` };
}

function summaryOf(plan: PlanLike): OpenDataPlanSummary {
  return {
    id: plan._id,
    title: plan.title,
    organisation: plan.organisation,
    period: {
      label: plan.period?.label ?? '',
      start: plan.period?.start ?? null,
      end: plan.period?.end ?? null,
    },
    status: plan.status,
    version: plan.version,
    links: openDataLinks(plan._id),
  };
}

/** Every plan, by id: what `plans.json` lists. */
export async function openDataPlans(): Promise<OpenDataPlanSummary[]> {
  const plans = (await Plan.find({}, { title: 1, organisation: 1, period: 1, status: 1, version: 1 })
    .sort({ _id: 1 })
    .lean()) as unknown as PlanLike[];
  return plans.map(summaryOf);
}

/**
 * The plan's open data: aims, priorities and targets in plan order, each target with its figures
 * as printed and its newest *confirmed* figure (models/target.ts `confirmed`; never `latest`,
 * which may be provisional), that figure's RAG, the reason for it (services/measure/assess.ts)
 * and its trend against earlier confirmed figures only (services/measure/trend.ts). No personal
 * data: no names, emails, commentary or evidence links; owners as job titles only when the plan
 * says `openData.owners: jobTitle`. This is the one place the published figures are put together
 * ("submit data once, reuse it", seed 004): the performance report can read the same model.
 *
 * @returns undefined when there is no such plan.
 * @throws Error when the result does not match the published schema (a bug, never served).
 */
export async function openDataPlan(planId: string): Promise<OpenDataPlan | undefined> {
  const plan = (await Plan.findById(planId).lean()) as unknown as PlanLike | null;
  if (!plan) return undefined;
  const byOrder = { order: 1 as const };
  const [aims, priorities, targets, isConfirmed] = await Promise.all([
    Aim.find({ plan: planId }).sort(byOrder).lean() as Promise<Stored[]>,
    Priority.find({ plan: planId }).sort(byOrder).lean() as Promise<Stored[]>,
    Target.find({ plan: planId }).sort(byOrder).lean() as unknown as Promise<TargetEntry[]>,
    confirmedTest(planId),
  ]);
  const owners = plan.openData?.owners === 'jobTitle' ? 'jobTitle' : 'none';
  const titles = owners === 'jobTitle' ? await jobTitles(targets) : new Map<string, string>();
  const context = { planTolerance: plan.tolerance ?? undefined, planEnd: planEndOf(plan) };

  const targetsOf = new Map<string, OpenDataTarget[]>();
  let figuresAsOf: string | null = null;
  for (const t of targets) {
    const shown = targetOf({ ...t, ...context }, isConfirmed, owners, titles);
    const asOf = shown.latestConfirmed?.asOf;
    if (asOf && (!figuresAsOf || asOf > figuresAsOf)) figuresAsOf = asOf;
    targetsOf.set(t.priority, [...(targetsOf.get(t.priority) ?? []), shown]);
  }
  const prioritiesOf = new Map<string, OpenDataPlan['aims'][number]['priorities']>();
  for (const p of priorities) {
    const key = String(p.key);
    const entry = { id: key, code: str(p.code), title: String(p.title), targets: targetsOf.get(key) ?? [] };
    prioritiesOf.set(String(p.aim), [...(prioritiesOf.get(String(p.aim)) ?? []), entry]);
  }
  const model: OpenDataPlan = {
    format: OPEN_DATA_FORMAT,
    plan: summaryOf(plan),
    owners,
    figuresAsOf,
    aims: aims.map((a) => ({
      id: String(a.key),
      code: str(a.code),
      title: String(a.title),
      description: str(a.description),
      priorities: prioritiesOf.get(String(a.key)) ?? [],
    })),
  };
  // Checked as the schema publishes it: a field that is not in it is a bug, never served.
  return openDataPlanSchema.parse(model);
}

/** Owners' job titles by their id (work email); people without one are left out. */
async function jobTitles(targets: TargetEntry[]): Promise<Map<string, string>> {
  const ids = [...new Set(targets.map((t) => t.owner).filter((o): o is string => !!o))];
  if (!ids.length) return new Map();
  const people = await Person.find({ _id: anyOf(ids) }, { jobTitle: 1 }).lean();
  return new Map(
    people.flatMap((p) => (p.jobTitle?.trim() ? [[String(p._id), p.jobTitle.trim()] as const] : [])),
  );
}

function printed(m: { label?: string | null; text?: string | null } | null | undefined) {
  return m?.text ? { label: m.label ?? null, text: m.text } : null;
}

function targetOf(
  t: TargetEntry,
  isConfirmed: (update: string) => boolean,
  owners: 'none' | 'jobTitle',
  titles: Map<string, string>,
): OpenDataTarget {
  const confirmed = t.confirmed as Snapshot | null | undefined;
  const hasFigure = !!confirmed && (num(confirmed.value) !== null || !!confirmed.text);
  // The reason is reckoned from the confirmed figure alone; the owner's override reason is free
  // text that may name people, so it is not published.
  const reason = ragReason({
    ...t,
    latest: hasFigure
      ? { ...(confirmed as NonNullable<TargetEntry['latest']>), overrideReason: undefined }
      : undefined,
  } as TargetEntry);
  return {
    id: t.key,
    piCodes: [...(t.piCodes ?? [])],
    kind: t.kind ?? 'target',
    text: t.text,
    unit: t.unit ?? null,
    per: num(t.per),
    polarity: t.direction ?? null,
    baseline: printed(t.baseline),
    interim: printed(t.interim),
    final: printed(t.final),
    due: t.due ?? null,
    ...(owners === 'jobTitle' ? { owner: (t.owner && titles.get(t.owner)) || null } : {}),
    latestConfirmed: hasFigure ? figureOf(t, confirmed as Snapshot, isConfirmed) : null,
    ragReason: reason ?? null,
  };
}

/**
 * The confirmed figure with its trend. The trend compares it only with earlier figures that are
 * themselves confirmed: the target's `previous` and `recent` hold every submitted figure, and a
 * provisional one named in a trend ("better than the last update (61.5 …)") would publish it.
 */
function figureOf(t: TargetEntry, c: Snapshot, isConfirmed: (update: string) => boolean): OpenDataFigure {
  // latest/previous say where their figure stood when written; recent does not carry it.
  const stated = new Map<string, string>();
  for (const s of [t.latest, t.previous] as (Snapshot | null | undefined)[])
    if (s?.status) stated.set(s.update, s.status);
  const seen = new Set<string>([c.update]);
  const earlier = ([t.previous, ...(t.recent ?? [])] as (Snapshot | null | undefined)[])
    .filter((s): s is Snapshot => !!s && !seen.has(s.update) && !!seen.add(s.update))
    .filter(
      (s) =>
        s.asOf < c.asOf && isConfirmed(s.update) && (stated.get(s.update) ?? 'confirmed') === 'confirmed',
    )
    .sort((a, b) => (a.asOf !== b.asOf ? (a.asOf < b.asOf ? 1 : -1) : b.at.getTime() - a.at.getTime()));
  const value = num(c.value);
  const rag = isRag(c.rag) ? c.rag : null;
  return {
    value,
    text: value !== null ? amount(value, t) : (c.text ?? ''),
    asOf: c.asOf,
    rag,
    ragLabel: rag ? ragLabel(rag) : null,
    trend: trendText(t, c, earlier[0], earlier) ?? null,
  };
}
