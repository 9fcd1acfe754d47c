import { Schema, model, type InferSchemaType } from 'mongoose';

export const QUESTION_KINDS = ['text', 'single', 'multiple', 'rating'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

const questionSchema = new Schema(
  {
    id: { type: String, required: true }, // q1, q2 … — stable keys for answers and exports
    kind: { type: String, enum: QUESTION_KINDS, required: true },
    prompt: { type: String, required: true },
    options: { type: [String], default: [] },
  },
  { _id: false },
);

/** A consultation the policy team sends out: what it asks, until when, and its nudge. */
const consultationSchema = new Schema(
  {
    _id: { type: String, required: true }, // a slug of the title and date: "budget-2027-28-2027-01-15"
    title: { type: String, required: true },
    summary: { type: String, required: true },
    link: String,
    questions: { type: [questionSchema], required: true },
    closesAt: { type: Date, required: true },
    nudgeDaysBefore: { type: Number, default: 2 },
    author: { type: String, required: true },
    status: { type: String, enum: ['open', 'closed', 'cancelled'], default: 'open' },
  },
  { timestamps: true, versionKey: false },
);

export type ConsultationDoc = InferSchemaType<typeof consultationSchema> & { _id: string };
export type QuestionDoc = ConsultationDoc['questions'][number];
export const Consultation = model('Consultation', consultationSchema);

/** One recipient's answers (`_id` "<consultation>|<recipient>"): one per person, replaced on edit. */
const responseSchema = new Schema(
  {
    _id: { type: String, required: true },
    consultation: { type: String, required: true },
    recipient: { type: String, required: true }, // a person's email, or "teams:<id>" / "slack:<id>"
    name: String,
    answers: { type: Schema.Types.Mixed, required: true }, // { q1: "text", q2: ["a", "b"], q3: "4" }
    channel: { type: String, required: true },
    at: { type: Date, required: true },
    edits: { type: Number, default: 0 },
  },
  { versionKey: false, minimize: false },
);
responseSchema.index({ consultation: 1 });

export type ResponseDoc = InferSchemaType<typeof responseSchema> & { _id: string };
export const ConsultationResponse = model('ConsultationResponse', responseSchema);
