import { Schema, model, type InferSchemaType } from 'mongoose';
import { measureSchema } from './measure';
import { CHANNELS, ITEM_STATUSES, RAGS } from './rag';

export const TARGET_KINDS = ['target', 'milestone', 'action', 'kpi'] as const;
/**
 * What a target counts in. `number` and `count` are the same (plans written before `count` say
 * `number`); `rate` is per `per` (e.g. 1,000 households); `level` is a grade or stage in words
 * ("Level 3"); `yesno` is met or not; `date` is a milestone reached on a date; `text` is anything else
 * reported in words.
 */
export const UNITS = [
  'percent',
  'number',
  'count',
  'rate',
  'level',
  'days',
  'money',
  'yesno',
  'date',
  'text',
] as const;
/** How often a target is reported: sets what "the same period last year" is. */
export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
export const DIRECTIONS = ['up', 'down'] as const;

/** The newest update, kept on the target so a status reply needs no query over the history. */
const latestSchema = new Schema(
  {
    update: { type: String, required: true },
    value: Number,
    text: String,
    asOf: { type: String, required: true },
    rag: { type: String, enum: RAGS },
    commentary: String,
    evidence: String,
    by: String,
    at: { type: Date, required: true },
    channel: { type: String, enum: CHANNELS },
    cycle: String,
    suggestedRag: { type: String, enum: RAGS },
    overrideReason: String,
    correctiveAction: String,
    /** Where it stands in the plan's sign-off chain (services/plan/latest.ts `FigureStatus`). */
    status: { type: String, enum: ['provisional', 'returned', 'confirmed'] },
  },
  { _id: false },
);

/** A past figure kept on the target for its trend: the newest first (services/plan/latest.ts). */
const recentSchema = new Schema(
  {
    update: { type: String, required: true },
    asOf: { type: String, required: true },
    value: Number,
    text: String,
    rag: { type: String, enum: RAGS },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/** An expected value on a date, set by the plan where a straight line will not do. */
const profilePointSchema = new Schema(
  { asOf: { type: String, required: true }, value: { type: Number, required: true } },
  { _id: false },
);

const targetSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${plan}:${key}`
    plan: { type: String, required: true },
    key: { type: String, required: true },
    priority: { type: String, required: [true, 'A target must belong to a priority'] },
    kind: {
      type: String,
      enum: { values: TARGET_KINDS, message: 'Target kind must be target, milestone, action or kpi' },
      default: 'target',
    },
    text: { type: String, required: [true, 'A target needs its text'] },
    piCodes: { type: [String], default: [] },
    unit: { type: String, enum: { values: UNITS, message: `Unit must be one of ${UNITS.join(', ')}` } },
    /** Rate per how many: 1000 for "29.9 per 1000". */
    per: Number,
    /** Polarity: whether a higher (up) or lower (down) figure is better. */
    direction: { type: String, enum: { values: DIRECTIONS, message: 'Direction must be up or down' } },
    frequency: { type: String, enum: FREQUENCIES },
    baseline: measureSchema,
    interim: measureSchema,
    final: measureSchema,
    due: String,
    /** Expected values on dates between the baseline and the final target (services/measure/profile.ts). */
    profile: { type: [profilePointSchema], default: undefined },
    /** How much worse than expected is still Amber, in percent of the expected value; else the plan's. */
    tolerance: Number,
    numerator: String,
    denominator: String,
    dataQuality: String,
    source: String,
    owner: String,
    deputy: String,
    /** The plan level it sits at, by name, when below the first target level; then `parent` is set. */
    level: String,
    /** The key of the target of the same priority one level up. */
    parent: String,
    /**
     * Items of this or another plan this one contributes to, as the file wrote them:
     * "<plan id>:<key>" or "<key>" for this plan (services/plan/links.ts reads them).
     */
    contributesTo: { type: [String], default: [] },
    /** `open` (absent), `complete` or `deleted`: a deleted item is kept and shown as deleted. */
    status: { type: String, enum: ITEM_STATUSES },
    /** Why it was completed or deleted (Melton prints a reason for each deletion). */
    statusNote: String,
    order: { type: Number, required: true },
    latest: latestSchema,
    previous: latestSchema,
    recent: { type: [recentSchema], default: undefined },
    /** The newest figure the sign-off chain has confirmed: the one reports and open data show. */
    confirmed: latestSchema,
  },
  { timestamps: true, versionKey: false },
);
targetSchema.index({ plan: 1, priority: 1, order: 1 });
targetSchema.index({ owner: 1 });
targetSchema.index({ deputy: 1 });

export type TargetDoc = InferSchemaType<typeof targetSchema>;
export const Target = model('Target', targetSchema);
