import type * as Bolt from '@slack/bolt';

/**
 * Bolt, loaded the first time Slack is set up rather than when the bot starts: with Socket Mode's
 * client (undici) under it, it is about 10 MB of heap (measured: `require('@slack/bolt')` on Node 24
 * takes heapUsed up by 10.3 MB), held for the life of a bot that may not use Slack at all. Only types
 * may be imported from '@slack/bolt' elsewhere; values come through here.
 */
export function bolt(): typeof Bolt {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose (above)
  return require('@slack/bolt') as typeof Bolt;
}
