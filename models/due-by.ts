import { trusted } from './operators';

/**
 * 2001-09-09T01:46:40Z, the first instant whose milliseconds have 13 digits. Nothing this app
 * schedules (a delivery's `nextAt`, a job's `at`) is ever set before it: both come from the clock
 * of a running bot or from a cycle's dates.
 */
export const EARLIEST_DUE = new Date(1_000_000_000_000);

/**
 * The filter "due by `now`" on a date field: `{$gte: EARLIEST_DUE, $lte: now}`. It matches what
 * `{$lte: now}` matches here (see EARLIEST_DUE), but a range with both ends lets the embedded
 * database read through the field's index and stop after the first `limit` documents in date order
 * (models/embedded/ferretdb/sqlite-index-pushdown.patch); a one-sided range cannot, as text order
 * mixes 13-digit dates with older, shorter ones. On MongoDB the two filters cost the same.
 */
export function dueBy(now: Date): { $gte: Date; $lte: Date } {
  return trusted({ $gte: EARLIEST_DUE, $lte: now });
}
