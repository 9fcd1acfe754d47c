import { Schema } from 'mongoose';

/**
 * A baseline, interim or final figure as the plan prints it. `text` is kept exactly ("29.9 per
 * 1000", "XX%", "Baseline data still being collected."); `value` only when the text states one number.
 */
export const measureSchema = new Schema(
  {
    label: String,
    text: { type: String, required: [true, 'A baseline, interim or final figure needs its text as printed'] },
    value: {
      type: Number,
      validate: { validator: Number.isFinite, message: 'A figure must be a finite number' },
    },
  },
  { _id: false },
);
