import { Schema, model, type InferSchemaType } from 'mongoose';
import { measureSchema } from './measure';
import { CHANNELS, RAGS } from './rag';

export const TARGET_KINDS = ['target', 'milestone', 'action', 'kpi'] as const;
export const UNITS = ['percent', 'number', 'rate', 'level', 'days', 'money', 'text'] as const;
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
  },
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
    direction: { type: String, enum: { values: DIRECTIONS, message: 'Direction must be up or down' } },
    baseline: measureSchema,
    interim: measureSchema,
    final: measureSchema,
    due: String,
    owner: String,
    deputy: String,
    order: { type: Number, required: true },
    latest: latestSchema,
    previous: latestSchema,
  },
  { timestamps: true, versionKey: false },
);
targetSchema.index({ plan: 1, priority: 1, order: 1 });
targetSchema.index({ owner: 1 });
targetSchema.index({ deputy: 1 });

export type TargetDoc = InferSchemaType<typeof targetSchema>;
export const Target = model('Target', targetSchema);
