import { z } from 'zod';

// A form modal's state: each input block (named after its field) holds one element of the same name.
const element = z.object({
  value: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
});

/** The `view.state.values` of a target update or risk review modal, as Slack sends it. */
export const modalState = z.record(z.string(), z.record(z.string(), element));
export type ModalState = z.infer<typeof modalState>;

/** "<cycle>|<subject>" and, when the form was opened from a message, "|<channel>|<ts>". */
export const formMetadata = z.string().regex(/^[^|]+\|[^|]+(\|[^|]*\|[^|]*)?$/);

/** What was typed or chosen in the field `field`: text, a date or an option's value. */
export function readField(state: ModalState, field: string): string | undefined {
  const e = state[field]?.[field];
  return e?.value ?? e?.selected_date ?? e?.selected_option?.value ?? undefined;
}
