import { answer, type Asker } from '../services/answers/answer';
import { isCommand, type Intent } from '../services/answers/intent';
import type { BroadcastFormDeps } from '../services/broadcast/broadcast';
import type { Platform } from '../services/delivery/sender';
import { runCommand } from '../services/commands/commands';
import { createLogger, type Logger } from '../services/log/logger';
import { lastLists } from '../services/answers/last-list';
import { notice } from '../services/answers/notice';
import { asksForNextPage, readPageAsk } from '../services/answers/paging';
import { pickPriorities } from '../services/answers/pick';
import type { PriorityStatusView, View } from '../services/answers/views';
import type { PlanCatalogue } from '../services/plan/snapshot';
import { understand } from './understanding/intent';

/** One channel-neutral turn: who asked, where, and what they typed. */
export interface Turn {
  text: string;
  asker: Asker;
  channel: Platform;
  /**
   * This person in this conversation, as the channel names them ("<conversation>|<user>"): where a
   * typed "more" finds the last list. Absent when the channel cannot say (then "more" has nothing
   * to continue).
   */
  where?: string;
}

/**
 * The composition root for questions: every channel hands its turns here and renders the view it
 * gets back. A list comes a page at a time: "more: <question> @<offset>" (the "Show more" button)
 * asks for the page from that item, and a typed "more" for the next page of the last list shown
 * to this person in this conversation (services/answers/paging.ts, last-list.ts).
 */
export function createRouter(
  catalogue: PlanCatalogue,
  {
    log = createLogger('silent'),
    now = () => new Date(),
    broadcast,
    onTurn,
    defaultPlan,
  }: {
    log?: Logger;
    now?: () => Date;
    broadcast?: BroadcastFormDeps;
    /** Told of every turn as it is understood (metrics); must not throw. */
    onTurn?: (channel: Platform, intent: Intent['kind']) => void;
    /**
     * The plan (id) answers prefer for someone no plan lists, when a question matches several
     * plans: the DEFAULT_PLAN setting. A person listed in a plan's file prefers that plan.
     */
    defaultPlan?: string;
  } = {},
): (turn: Turn) => Promise<View> {
  return async ({ text, asker, channel, where }) => {
    const plan = await catalogue.current();
    const key = where ? `${channel}:${where}` : undefined;
    let page = readPageAsk(text);
    let intent = understand(page ? page.ask : text, plan);
    if (!page && intent.kind === 'search' && asksForNextPage(intent.query)) {
      const last = key ? await lastLists.recall(key) : undefined;
      if (!last?.next) {
        onTurn?.(channel, intent.kind);
        return nothingMore(last?.title);
      }
      page = readPageAsk(last.next);
      intent = understand(page?.ask ?? '', plan);
    }
    onTurn?.(channel, intent.kind);
    const offset = page?.offset;
    const view = isCommand(intent)
      ? await runCommand(intent, { asker, plan, now: now(), log, channel, broadcast, offset })
      : answer(intent, plan, { offset, asker, defaultPlan });
    if (key && view.kind === 'list')
      // The answer does not wait on a failed write: "more" then continues the list before this one.
      await lastLists
        .remember(key, view, now())
        .catch((error: unknown) => log.warn({ err: error }, 'Could not remember the list for "more"'));
    return view;
  };
}

/** A typed "more" with nothing to continue: no list shown here yet, or the last one shown to its end. */
function nothingMore(title: string | undefined): View {
  return title
    ? notice(`That was the whole list: "${title}" has all been shown.`)
    : notice(
        'There is no list to continue here: ask a question first, such as "anything about recycling?".',
        ['help'],
      );
}

/** The message extension's search: priority cards to pick from for what has been typed so far. */
export function createPicker(
  catalogue: PlanCatalogue,
): (query: string, limit: number) => Promise<PriorityStatusView[]> {
  return async (query, limit) => pickPriorities(await catalogue.current(), query, limit);
}
