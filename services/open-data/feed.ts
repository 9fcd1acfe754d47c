import { createHash } from 'node:crypto';
import { Plan } from '../../models';
import { openDataPlan, openDataPlans } from './build';
import { OPEN_DATA_FORMAT, openDataPlanListSchema, type OpenDataPlan, type OpenDataPlanList } from './model';

/** A version of a published resource: the same tag, the same bytes (RFC 9110 §8.8.3 entity tag). */
export interface Tagged<T> {
  tag: string;
  body: T;
}

type Stamp = { _id: string; revision?: number | null; version?: number | null; updatedAt?: Date | null };

/** Bump when the published output changes for the same data, so caches drop what they hold. */
const OUTPUT_VERSION = 1;

function tagOf(parts: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify([OPEN_DATA_FORMAT, OUTPUT_VERSION, ...parts]))
    .digest('base64url')
    .slice(0, 22);
}

const stampParts = (s: Stamp) => [s._id, s.revision ?? 0, s.version ?? 0, s.updatedAt?.getTime() ?? 0];

/**
 * The open-data feed with its entity tags. A plan's tag comes from its `revision` (models/plan.ts:
 * bumped on every change to its aims, priorities, targets or figures), with its version and last
 * change, so a conditional request is answered from one small read by `_id` — fast on the
 * embedded database too — and the plan is built only when it has changed since it was last
 * built here. Holds one built plan per plan id: the plans are few, and an id that names no plan
 * is never held.
 */
export class OpenDataFeed {
  private readonly built = new Map<string, Tagged<OpenDataPlan>>();

  /** The plan's current tag, or undefined when there is no such plan. */
  async planTag(planId: string): Promise<string | undefined> {
    const stamp = (await Plan.findById(planId, {
      revision: 1,
      version: 1,
      updatedAt: 1,
    }).lean()) as Stamp | null;
    return stamp ? tagOf(stampParts(stamp)) : undefined;
  }

  /** The plan's open data and its tag; undefined when there is no such plan. */
  async plan(planId: string): Promise<Tagged<OpenDataPlan> | undefined> {
    const tag = await this.planTag(planId);
    if (!tag) {
      this.built.delete(planId);
      return undefined;
    }
    return this.planAt(planId, tag);
  }

  /** The plan's open data for a tag just read with planTag: built only when the tag has moved. */
  async planAt(planId: string, tag: string): Promise<Tagged<OpenDataPlan> | undefined> {
    const held = this.built.get(planId);
    if (held?.tag === tag) return held;
    const body = await openDataPlan(planId);
    if (!body) return undefined;
    // Tagged with the stamp read before building: a change made meanwhile gets a new tag next time.
    const fresh = { tag, body };
    this.built.set(planId, fresh);
    return fresh;
  }

  /** The tag of the list of plans: it moves when any plan is added, removed or changed. */
  async listTag(): Promise<string> {
    const stamps = (await Plan.find({}, { revision: 1, version: 1, updatedAt: 1 })
      .sort({ _id: 1 })
      .lean()) as Stamp[];
    return tagOf(stamps.map(stampParts));
  }

  /** Every plan with where to read it. */
  async list(): Promise<Tagged<OpenDataPlanList>> {
    const tag = await this.listTag();
    const body = { format: OPEN_DATA_FORMAT, plans: await openDataPlans() } as const;
    return { tag, body: openDataPlanListSchema.parse(body) };
  }
}
