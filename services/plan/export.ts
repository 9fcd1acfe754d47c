import { z } from 'zod';
import { Aim, Cycle, CycleTarget, Person, Plan, Priority, Target, Update } from '../../models';
import { anyOf } from '../../models/operators';
import { describePath, fromZod } from '../plan-file/problems';
import {
  PLAN_FORMAT,
  aimSchema,
  cycleSchema,
  personSchema,
  planFileSchema,
  planSchema,
  prioritySchema,
  targetSchema,
  updateSchema,
  type PlanFile,
} from '../plan-file/schema';
import { unscoped } from './documents';
import { standings } from '../sign-off/ledger';
import { Risk } from '../../models/risk';
import { riskSchema } from '../risk/schema';

export class PlanNotFoundError extends Error {}

type Stored = Record<string, unknown>;

/** Unwraps optional, default and nullable layers down to the schema that holds the value. */
function inner(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return inner(schema.unwrap() as z.ZodType);
  return schema;
}

/**
 * The fields of a stored document that the file format has, in the format's order, nested objects
 * and lists of objects likewise. Whatever the models keep for themselves (`_id`, `order`,
 * timestamps, `latest`, `recent`, `plans`) is left behind, and every field the schema gains (new
 * target measure fields, say) is carried without being listed here.
 */
function pick(schema: z.ZodType, value: unknown): unknown {
  const s = inner(schema);
  if (value === null || value === undefined) return undefined;
  if (s instanceof z.ZodArray && Array.isArray(value))
    return value.map((v) => pick(s.element as z.ZodType, v));
  if (s instanceof z.ZodObject && typeof value === 'object' && !(value instanceof Date)) {
    const out: Stored = {};
    for (const [field, fieldSchema] of Object.entries(s.shape as Record<string, z.ZodType>)) {
      const v = pick(fieldSchema, (value as Stored)[field]);
      if (v !== undefined) out[field] = v;
    }
    return out;
  }
  return value instanceof Date ? value.toISOString() : value;
}
const entry = (schema: z.ZodObject, doc: Stored, extra: Stored = {}) =>
  pick(schema, { ...doc, ...extra }) as Stored;

/**
 * Reads a whole plan back into the file structure, in the order it was imported: everything a
 * plan file can state, so that importing the export into an empty database and exporting again
 * gives the same file, and importing it over the database it came from changes nothing. Cycles
 * come oldest first, updates in the order they were made; chat identities (the addresses the bot
 * learnt) are not plan data and are not exported — people's `teamsId`/`slackId` say who is who.
 *
 * @throws PlanNotFoundError when there is no such plan; Error when the database holds something a
 *   plan file cannot carry (the export would not import again), naming it.
 */
export async function exportPlan(planId: string): Promise<PlanFile> {
  const plan = (await Plan.findById(planId).lean()) as Stored | null;
  if (!plan) throw new PlanNotFoundError(`There is no plan "${planId}" in the database.`);
  const byOrder = { order: 1 as const };
  const [aims, priorities, targets, updates, people, cycles] = (await Promise.all([
    Aim.find({ plan: planId }).sort(byOrder).lean(),
    Priority.find({ plan: planId }).sort(byOrder).lean(),
    Target.find({ plan: planId }).sort(byOrder).lean(),
    Update.find({ plan: planId }).sort({ at: 1, _id: 1 }).lean(),
    Person.find({ plans: planId }).sort({ _id: 1 }).lean(),
    Cycle.find({ plan: planId }).sort({ opensOn: 1, _id: 1 }).lean(),
  ])) as Stored[][];
  // Where each update stands in the sign-off chain: a figure not yet confirmed says so, so the
  // export of a plan mid-chain imports as provisional, not as confirmed (services/sign-off/ledger.ts).
  const signed = await standings((updates ?? []).map((u) => String(u._id)));
  const risks = (await Risk.find({ plan: planId }).sort(byOrder).lean()) as Stored[];
  const asked = (await CycleTarget.find({
    cycle: anyOf((cycles ?? []).map((c) => String(c._id))),
  }).lean()) as Stored[];

  const targetsOf = new Map<string, Stored[]>();
  const place = new Map<string, number>();
  for (const t of targets ?? []) {
    place.set(String(t._id), place.size);
    const one = entry(targetSchema, t, { id: t.key });
    targetsOf.set(String(t.priority), [...(targetsOf.get(String(t.priority)) ?? []), one]);
  }
  // A cycle's targets in plan order; one no longer in the plan after them, by id.
  const rank = (t: Stored) => place.get(String(t.target)) ?? Number.MAX_SAFE_INTEGER;
  const askedIn = (cycle: string) =>
    asked
      .filter((a) => a.cycle === cycle)
      .sort((a, b) => rank(a) - rank(b) || (String(a._id) < String(b._id) ? -1 : 1))
      .map((a) => ({ target: unscoped(String(a.target)), owner: a.owner ?? undefined }));

  const raw = {
    format: PLAN_FORMAT,
    plan: entry(planSchema, plan, { id: plan._id }),
    aims: (aims ?? []).map((a) => entry(aimSchema, a, { id: a.key })),
    priorities: (priorities ?? []).map((p) => ({
      ...entry(prioritySchema, p, { id: p.key }),
      targets: targetsOf.get(String(p.key)) ?? [],
    })),
    people: (people ?? []).map((p) => entry(personSchema, p, { id: p._id })),
    updates: (updates ?? []).map((u) =>
      entry(updateSchema, u, {
        id: unscoped(String(u._id)),
        cycle: typeof u.cycle === 'string' ? unscoped(u.cycle) : undefined,
        status: unconfirmed(signed.get(String(u._id))?.status),
      }),
    ),
    cycles: (cycles ?? []).map((c) =>
      entry(cycleSchema, c, { id: unscoped(String(c._id)), targets: askedIn(String(c._id)) }),
    ),
    risks: risks.map((r) => entry(riskSchema, r, { id: r.key })),
  };
  // Parsed as an import parses it: the export is known to import again, its fields in one order.
  const parsed = planFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = fromZod(parsed.error, (p) => describePath(raw, p) || 'plan');
    throw new Error(
      `Plan ${planId} holds data a plan file cannot carry, so it was not exported:\n${problems
        .map((p) => `  - ${p.where}: ${p.message}`)
        .join('\n')}`,
    );
  }
  return parsed.data;
}

/** A sign-off status as the file writes it: only when the figure is not confirmed. */
const unconfirmed = (status: string | undefined) =>
  status === 'provisional' || status === 'returned' ? status : undefined;

/** Every plan in the database, for `plan list` and the default export. */
export async function listPlans(): Promise<
  { id: string; title: string; organisation: string; status: string }[]
> {
  const plans = await Plan.find({}, { title: 1, organisation: 1, status: 1 }).sort({ _id: 1 }).lean();
  return plans.map((p) => ({
    id: String(p._id),
    title: p.title,
    organisation: p.organisation,
    status: p.status,
  }));
}
