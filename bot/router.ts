import { answer, type Asker } from '../services/answers/answer';
import { isCommand, type Intent } from '../services/answers/intent';
import type { BroadcastFormDeps } from '../services/broadcast/broadcast';
import type { Platform } from '../services/delivery/sender';
import { runCommand } from '../services/commands/commands';
import { createLogger, type Logger } from '../services/log/logger';
import { pickPriorities } from '../services/answers/pick';
import type { PriorityStatusView, View } from '../services/answers/views';
import type { PlanCatalogue } from '../services/plan/snapshot';
import { understand } from './understanding/intent';

/** One channel-neutral turn: who asked, where, and what they typed. */
export interface Turn {
  text: string;
  asker: Asker;
  channel: Platform;
}

/**
 * The composition root for questions: every channel hands its turns here and renders the view it
 * gets back. "more: <question>" asks the same question again without the list cut short.
 */
export function createRouter(
  catalogue: PlanCatalogue,
  {
    log = createLogger('silent'),
    now = () => new Date(),
    broadcast,
    onTurn,
  }: {
    log?: Logger;
    now?: () => Date;
    broadcast?: BroadcastFormDeps;
    /** Told of every turn as it is understood (metrics); must not throw. */
    onTurn?: (channel: Platform, intent: Intent['kind']) => void;
  } = {},
): (turn: Turn) => Promise<View> {
  return async ({ text, asker, channel }) => {
    const plan = await catalogue.current();
    const more = /^\s*more:\s*(\S.*)?$/is.exec(text);
    const intent = understand(more ? (more[1] ?? '') : text, plan);
    onTurn?.(channel, intent.kind);
    if (isCommand(intent))
      return runCommand(intent, { asker, plan, now: now(), log, broadcast, all: !!more });
    return answer(intent, plan, { all: !!more });
  };
}

/** The message extension's search: priority cards to pick from for what has been typed so far. */
export function createPicker(
  catalogue: PlanCatalogue,
): (query: string, limit: number) => Promise<PriorityStatusView[]> {
  return async (query, limit) => pickPriorities(await catalogue.current(), query, limit);
}
