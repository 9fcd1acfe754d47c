import { Schema, model, type InferSchemaType } from 'mongoose';

export const ROLES = ['staff', 'owner', 'deputy', 'policy', 'member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const personSchema = new Schema(
  {
    _id: { type: String, required: true, lowercase: true, trim: true }, // work email
    name: { type: String, required: [true, 'A person needs a name'] },
    department: String,
    roles: {
      type: [{ type: String, enum: { values: ROLES, message: `Role must be one of ${ROLES.join(', ')}` } }],
      default: ['staff'],
    },
    lineManager: { type: String, lowercase: true },
    teamsId: String,
    slackId: String,
    /** On leave until this date (inclusive, yyyy-mm-dd): requests and reminders go to deputies. */
    awayUntil: String,
    /** "Head of Education": what open data shows for an owner when the plan allows (never the name). */
    jobTitle: String,
    /** Plans whose file listed this person, so an export gives back the people it was given. */
    plans: { type: [String], default: [] },
  },
  { timestamps: true, versionKey: false },
);
personSchema.index({ teamsId: 1 });
personSchema.index({ slackId: 1 });
personSchema.index({ department: 1 });

export type PersonDoc = InferSchemaType<typeof personSchema>;
export const Person = model('Person', personSchema);
