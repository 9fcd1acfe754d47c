import { Schema, model, type InferSchemaType } from 'mongoose';
import { appendOnly } from './append-only';

export const RISK_STATUSES = ['open', 'closed'] as const;

/**
 * One risk of a plan's risk register (seed 004, Melton's "9.0 Risks"): what could go wrong, its
 * cause and effect, where it sits on the plan's probability × impact matrix now and where it should
 * sit once the actions are done, the controls in place, the actions with dates and owners, when it
 * is next reviewed, and the aims, priorities and targets it threatens. Positions are the scale codes
 * of the plan's matrix (services/risk/matrix.ts), e.g. probability "D", impact "III".
 */
const riskSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${plan}:${key}`
    plan: { type: String, required: true },
    key: { type: String, required: true }, // "R12", as in the file
    title: { type: String, required: [true, 'A risk needs a title'] },
    owner: String, // a person's work email
    cause: String,
    effect: String,
    probability: { type: String, required: true },
    impact: { type: String, required: true },
    targetProbability: String,
    targetImpact: String,
    controls: { type: [String], default: undefined },
    actions: {
      type: [{ _id: false, text: { type: String, required: true }, due: String, owner: String }],
      default: undefined,
    },
    reviewOn: String, // yyyy-mm-dd
    /** Items it threatens: "<key>" in this plan, or "<plan id>:<key>" in another. */
    links: { type: [String], default: undefined },
    status: { type: String, enum: RISK_STATUSES },
    order: { type: Number, required: true },
  },
  { timestamps: true, versionKey: false },
);
riskSchema.index({ plan: 1, order: 1 });

export type RiskDoc = InferSchemaType<typeof riskSchema>;
export const Risk = model('Risk', riskSchema);

/**
 * One re-scoring of a risk by its owner in a monitoring cycle (services/risk/review.ts). Append-only:
 * the register's history is the list of reviews; the risk keeps its current position.
 */
const riskReviewSchema = new Schema(
  {
    // `${risk}|${cycle}|${hash of the content}`: a double-clicked submit is one review.
    _id: { type: String, required: true },
    plan: { type: String, required: true },
    risk: { type: String, required: true }, // the Risk's _id
    cycle: String, // the Cycle's _id
    by: { type: String, required: true },
    at: { type: Date, required: true },
    channel: { type: String, enum: ['teams', 'slack', 'cli', 'import'], required: true },
    before: { probability: String, impact: String, score: Number },
    probability: { type: String, required: true },
    impact: { type: String, required: true },
    score: { type: Number, required: true },
    comment: String,
    reviewOn: String, // the next review date set
  },
  { versionKey: false },
);
riskReviewSchema.index({ risk: 1, at: 1 });
appendOnly(riskReviewSchema, 'The risk review history');

export type RiskReviewDoc = InferSchemaType<typeof riskReviewSchema>;
export const RiskReview = model('RiskReview', riskReviewSchema);
