import { renderSlack } from '../../cards/slack/render';
import { renderTeams } from '../../cards/teams/render';
import { answer } from '../../services/answers/answer';
import { loadSnapshot } from '../../services/plan/snapshot';
import { importFixture } from '../support/bot-app';
import { useTestDatabase } from '../support/database';

// Issue 13: "who owns CSY.4" showed no owner line at all; the seed names no owner for it.
useTestDatabase();

test('a target with no owner says so on both channels', async () => {
  await importFixture('plans/leicester-2003.yaml');
  const view = answer({ kind: 'status', code: 'CSY.4' }, await loadSnapshot());
  for (const card of [JSON.stringify(renderTeams(view)), JSON.stringify(renderSlack(view))])
    expect(card.split('Owner: none assigned yet').length - 1).toBe(3);
});
