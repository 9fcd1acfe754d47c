import { z } from 'zod';
import { htmlInert } from '../../../cards/teams/inert';
import { renderTeams } from '../../../cards/teams/render';
import { excerpt } from '../../../services/answers/format';
import type { PriorityStatusView } from '../../../services/answers/views';

export type Pick = (query: string, limit: number) => Promise<PriorityStatusView[]>;

/** Results per page: Teams asks for 25 (queryOptions.count) and shows them as one list. */
const MAX_RESULTS = 25;
/** Far past any plan's end (a plan has tens to hundreds of priorities): answered with no results. */
const MAX_SKIP = 10_000;
const PREVIEW_TITLE = 40;

// What Teams sends for a search command; anything else is answered with an empty result.
const queryInvoke = z.object({
  commandId: z.string().optional(),
  parameters: z
    .array(z.object({ name: z.string().optional(), value: z.unknown() }))
    .optional()
    .default([]),
  queryOptions: z
    .object({
      skip: z.number().int().min(0).max(MAX_SKIP).optional(),
      count: z.number().int().positive().optional(),
    })
    .optional(),
});

/**
 * `composeExtension/query`: the "Search the plan" message extension. Each result carries a short
 * preview for the picker and the full priority card that is inserted into the conversation.
 * Teams pages the results: `queryOptions.skip` results are skipped and at most `count` (capped at
 * 25) returned, so scrolling the picker reaches every result. Source: "Respond to search command",
 * https://learn.microsoft.com/microsoftteams/platform/messaging-extensions/how-to/search-commands/respond-to-search
 */
export async function searchPlan(value: unknown, pick: Pick): Promise<object> {
  const parsed = queryInvoke.safeParse(value);
  const parameters = parsed.success ? parsed.data.parameters : [];
  // Teams names the manifest's parameter ("query"); a client that does not know the manifest (the
  // Agents Playground, unless told) sends it without a name.
  const typed = parameters.find((p) => p.name === 'query' || p.name === undefined)?.value;
  const skip = parsed.success ? (parsed.data.queryOptions?.skip ?? 0) : 0;
  const count = Math.min(parsed.success ? (parsed.data.queryOptions?.count ?? MAX_RESULTS) : 0, MAX_RESULTS);
  // The results come in one fixed order for a query (a typed code first, then by score), so the
  // first skip + count of them end with this page.
  const views = count ? (await pick(typeof typed === 'string' ? typed : '', skip + count)).slice(skip) : [];
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: views.map((view) => ({
        ...renderTeams(view),
        preview: {
          contentType: 'application/vnd.microsoft.card.thumbnail',
          // A picker row is two lines high: a long title would run into the next row.
          // The title is shown as written; the text is read as HTML (cards/teams/inert.ts).
          content: {
            title: `${view.code} — ${excerpt(view.title, PREVIEW_TITLE)}`,
            // With several plans loaded, whose priority it is: two plans may share a code.
            text: htmlInert([view.aim, view.planName].filter(Boolean).join(' · ')),
          },
        },
      })),
    },
  };
}
