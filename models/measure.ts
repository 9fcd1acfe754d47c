import { Schema } from 'mongoose';

/**
 * A baseline, interim or final figure as the plan prints it. `text` is kept exactly ("29.9 per
 * 1000", "XX%", "Baseline data still being collected."); `value` only when the text states one number;
 * `change` or `range` when the figure means that rather than a value (services/measure/meaning.ts).
 */
export const measureSchema = new Schema(
  {
    label: String,
    text: { type: String, required: [true, 'A baseline, interim or final figure needs its text as printed'] },
    value: {
      type: Number,
      validate: { validator: Number.isFinite, message: 'A figure must be a finite number' },
    },
    /** A change against the baseline instead of a value: "-3%" (percent) or "+2 points". */
    change: String,
    /** A band instead of a value: "40-45" (Green anywhere inside it). */
    range: String,
  },
  { _id: false },
);
