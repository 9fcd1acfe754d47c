import { understand } from '../../../bot/understanding/intent';
import { renderTeams } from '../../../cards/teams/render';
import { answer } from '../../../services/answers/answer';
import { isCommand } from '../../../services/answers/intent';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { useSmallPlan } from '../../support/small-plan';

// A priority's status view and its Teams card are worked out once per plan snapshot and shared by
// every asker (services/answers/kept.ts): same object, read-only, fresh for a new snapshot.
const smallPlan = useSmallPlan();
let plan: PlanSnapshot;
beforeAll(() => (plan = smallPlan()));
const ask = (text: string, snapshot: PlanSnapshot, personId?: string) => {
  const intent = understand(text, snapshot);
  if (isCommand(intent)) throw new Error(`"${text}" is a command, not a question`);
  return answer(intent, snapshot, { asker: { personId } });
};

test('asked again, by anyone, in any spelling: the same view and the same card', () => {
  const first = ask('status of CS.1', plan);
  expect(first.kind).toBe('priorityStatus');
  expect(ask('cs1', plan, 'someone@test.gov.uk')).toBe(first);
  expect(renderTeams(ask('status of cs 1', plan))).toBe(renderTeams(first));
});

test('what is kept cannot be changed by one reply for the next', () => {
  const view = ask('status of CS.1', plan);
  if (view.kind !== 'priorityStatus') throw new Error(view.kind);
  expect(() => {
    (view as { title: string }).title = 'changed';
  }).toThrow(TypeError);
  const card = renderTeams(view);
  expect(() => {
    (card.content.body as unknown[]).push({ type: 'TextBlock', text: 'extra' });
  }).toThrow(TypeError);
  expect(ask('status of CS.1', plan)).toMatchObject({ title: 'Recycle more household waste.' });
});

test('a new snapshot (a plan revision moved) works the view out afresh', async () => {
  const again = await loadSnapshot();
  const before = ask('status of CS.1', plan);
  const after = ask('status of CS.1', again);
  expect(after).not.toBe(before);
  expect(after).toEqual(before);
  expect(renderTeams(after)).not.toBe(renderTeams(before));
  expect(renderTeams(after)).toEqual(renderTeams(before));
});
