import { z } from 'zod';
import { renderTeams } from '../../../cards/teams/render';
import { excerpt } from '../../../services/answers/format';
import type { PriorityStatusView } from '../../../services/answers/views';

export type Pick = (query: string, limit: number) => Promise<PriorityStatusView[]>;

const MAX_RESULTS = 25;
const PREVIEW_TITLE = 40;

// What Teams sends for a search command; anything else is answered with an empty result.
const queryInvoke = z.object({
  commandId: z.string().optional(),
  parameters: z
    .array(z.object({ name: z.string().optional(), value: z.unknown() }))
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
  // Teams names the manifest's parameter ("query"); a client that does not know the manifest (the
  // Agents Playground, unless told) sends it without a name.
  const typed = parameters.find((p) => p.name === 'query' || p.name === undefined)?.value;
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
          // A picker row is two lines high: a long title would run into the next row.
          content: { title: `${view.code} — ${excerpt(view.title, PREVIEW_TITLE)}`, text: view.aim ?? '' },
        },
      })),
    },
  };
}
