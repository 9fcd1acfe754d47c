import { Schema, model, type InferSchemaType } from 'mongoose';

export const PLAN_STATUSES = ['draft', 'consultation', 'adopted'] as const;
/**
 * What the public open-data feed says about target owners (services/open-data/*): nothing
 * (`none`, the default), or each owner's job title (`jobTitle`) — never a name or an email.
 */
export const OPEN_DATA_OWNERS = ['none', 'jobTitle'] as const;
/**
 * What a plan is (issue 15): the council's `corporate` plan (the default), a `service` or `team`
 * plan (Leeds' "annual service, team and individual plans"), or a person's `individual` objectives.
 */
export const PLAN_KINDS = ['corporate', 'service', 'team', 'individual'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

const planSchema = new Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: [true, 'A plan needs a title'], trim: true },
    organisation: { type: String, required: [true, 'A plan needs the name of its organisation'], trim: true },
    strapline: String,
    period: {
      label: { type: String, required: [true, 'A plan needs a period, such as 2003–2006'] },
      start: String,
      end: String,
    },
    status: {
      type: String,
      enum: { values: PLAN_STATUSES, message: 'Plan status must be draft, consultation or adopted' },
      required: true,
    },
    version: { type: Number, required: true, min: [1, 'Plan version starts at 1'] },
    source: String,
    purpose: String,
    vocabulary: { aim: String, priority: String, target: String },
    /**
     * The names of the plan's levels from the top, in its own words (York: Theme, 3-year improvement,
     * One-year action, KPI). Level 1 is the aims, 2 the priorities, 3 and below the targets. Absent:
     * the vocabulary's three (services/plan/levels.ts).
     */
    levels: { type: [String], default: undefined },
    kind: { type: String, enum: PLAN_KINDS },
    /** The department a service or team plan belongs to, as people's `department` names it. */
    team: String,
    /** The work email of the person whose objectives an individual plan holds. */
    person: { type: String, lowercase: true },
    /** Leeds' "big ideas": themes that bring aims and priorities (their keys) together. */
    crossCutting: {
      type: [
        {
          _id: false,
          id: { type: String, required: true },
          title: { type: String, required: true },
          description: String,
          items: { type: [String], default: [] },
        },
      ],
      default: [],
    },
    /**
     * The risk register's probability × impact matrix (services/risk/matrix.ts): each scale highest
     * first, and the bands of scores. Absent: Melton's A–F × I–IV with the default bands.
     */
    riskMatrix: {
      type: new Schema(
        {
          probability: { type: [{ _id: false, code: String, name: String }], default: undefined },
          impact: { type: [{ _id: false, code: String, name: String }], default: undefined },
          bands: { type: [{ _id: false, name: String, from: Number }], default: undefined },
        },
        { _id: false },
      ),
      default: undefined,
    },
    /** The Amber band for targets that set none, in percent of the expected value (default 5). */
    tolerance: Number,
    values: [{ _id: false, name: { type: String, required: true }, description: String }],
    /** What the public open-data feed publishes beyond the plan's figures (default: no owners). */
    openData: { owners: { type: String, enum: OPEN_DATA_OWNERS } },
    /**
     * The sign-off chain an update passes before its figure counts (services/sign-off/chain.ts):
     * each step's name and who acts at it — `lineManager` (the target owner's), `role:<role>` or
     * `person:<email>`. None: figures count as soon as they are submitted.
     */
    signOff: {
      type: [{ _id: false, step: { type: String, required: true }, who: { type: String, required: true } }],
      default: undefined,
    },
    /**
     * Bumped on every change to the plan's aims, priorities, targets or updates: chat reads come from
     * an in-memory snapshot that reloads when this number moves.
     */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true, versionKey: false },
);

export type PlanDoc = InferSchemaType<typeof planSchema>;
export const Plan = model('Plan', planSchema);
