import { z } from 'zod';
import { renderTeams } from '../../../cards/teams/render';
import type { PriorityStatusView } from '../../../services/answers/views';

export type Pick = (query: string, limit: number) => Promise<PriorityStatusView[]>;

const MAX_RESULTS = 25;

// What Teams sends for a search command; anything else is answered with an empty result.
const queryInvoke = z.object({
  commandId: z.string().optional(),
  parameters: z
    .array(z.object({ name: z.string(), value: z.unknown() }))
    .optional()
    .default([]),
  queryOptions: z.object({ count: z.number().int().positive().optional() }).optional(),
});

/**
 * `composeExtension/query`: the "Search the plan" message extension. Each result carries a short
 * preview for the picker and the full priority card that is inserted into the conversation.
 */
export async function searchPlan(value: unknown, pick: Pick): Promise<object> {
  const parsed = queryInvoke.safeParse(value);
  const parameters = parsed.success ? parsed.data.parameters : [];
  const typed = parameters.find((p) => p.name === 'query')?.value;
  const count = Math.min(parsed.success ? (parsed.data.queryOptions?.count ?? MAX_RESULTS) : 0, MAX_RESULTS);
  const views = await pick(typeof typed === 'string' ? typed : '', count);
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: views.map((view) => ({
        ...renderTeams(view),
        preview: {
          contentType: 'application/vnd.microsoft.card.thumbnail',
          content: { title: `${view.code} — ${view.title}`, text: view.aim ?? '' },
        },
      })),
    },
  };
}
