import { LastList } from '../../models/last-list';
import type { ListView } from './views';

/**
 * Where a typed "more" finds the list it continues: the last list shown to this person in this
 * conversation, kept in the database (by natural key) so any instance can answer, and after a
 * restart. `where` is "<platform>:<conversation>|<user>" as the channel edge names it.
 */
export const lastLists = {
  /** Records a list just shown: what asks for its next page, or that it was shown to the end. */
  async remember(where: string, list: ListView, now: Date): Promise<void> {
    await LastList.replaceOne(
      { _id: where },
      { _id: where, title: list.title, at: now, ...(list.more ? { next: list.more.ask } : {}) },
      { upsert: true },
    );
  },

  /** The last list's title and what asks for its next page (undefined when it was all shown). */
  async recall(where: string): Promise<{ title: string; next?: string } | undefined> {
    const last = await LastList.findById(where, { title: 1, next: 1 }).lean();
    return last ? { title: last.title, next: last.next ?? undefined } : undefined;
  },
};
