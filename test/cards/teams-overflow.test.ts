import { BUTTONS_IN_A_ROW, overflowActions } from '../../cards/teams/overflow';
import { renderTeams } from '../../cards/teams/render';
import type { WorkshopView } from '../../services/answers/views';

// adaptivecards' lib/ entry fails under require; its dist bundle loads in Node and parses cards.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle has no ES module form
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void };
  SerializationContext: new (version: unknown) => {
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
  Versions: { v1_5: unknown };
};

interface Action {
  title: string;
  mode?: string;
}
const button = (title: string, mode?: string): Action => ({ title, ...(mode ? { mode } : {}) });
const titles = (actions: Action[], secondary: boolean) =>
  actions.filter((a) => (a.mode === 'secondary') === secondary).map((a) => a.title);

const invitation: WorkshopView = {
  kind: 'workshop',
  id: 'line-of-sight',
  header: 'Workshop invitation',
  title: 'Line of sight',
  description: '',
  when: 'Tue 16 Mar 2027, 14:00–16:00',
  where: 'Town Hall',
  link: 'https://teams.microsoft.com/l/meetup-join/x',
  places: '4 of 12 places left',
  calendarUrl: 'https://bot.example/files/workshop/line-of-sight.ics?sig=x',
  readOnly: false,
};

test('the workshop invitation: Attend, Decline and Maybe as buttons, the links in the overflow menu', () => {
  const card = renderTeams(invitation).content as { actions: Action[] };
  expect(titles(card.actions, false)).toEqual(['Attend', 'Decline', 'Maybe']);
  expect(titles(card.actions, true)).toEqual(['Join online', 'Add to calendar']);
  // `mode` is Adaptive Cards 1.5: the renderer reads the card without complaint.
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  new AC.AdaptiveCard().parse(card, context);
  expect(Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message)).toEqual([]);
});

test('a row of four or fewer is left alone; a wider one keeps three buttons and the overflow button', () => {
  const four = ['A', 'B', 'C', 'D'].map((t) => button(t));
  expect(overflowActions({ type: 'AdaptiveCard', actions: four })).toEqual({
    type: 'AdaptiveCard',
    actions: four,
  });
  const six = ['A', 'B', 'C', 'D', 'E', 'F'].map((t) => button(t));
  const out = overflowActions({ type: 'AdaptiveCard', actions: six }) as { actions: Action[] };
  expect(titles(out.actions, false)).toEqual(['A', 'B', 'C']);
  expect(titles(out.actions, true)).toEqual(['D', 'E', 'F']);
  expect(titles(out.actions, false).length + 1).toBe(BUTTONS_IN_A_ROW);
});

test('every row is counted with its overflow button, in ActionSets too', () => {
  // Four primaries and one already secondary make five buttons: the fourth primary moves.
  const set = {
    type: 'ActionSet',
    actions: [button('A'), button('B'), button('C'), button('D'), button('E', 'secondary')],
  };
  const card = overflowActions({ type: 'AdaptiveCard', body: [{ type: 'Container', items: [set] }] }) as {
    body: { items: { actions: Action[] }[] }[];
  };
  const actions = card.body[0]?.items[0]?.actions ?? [];
  expect(titles(actions, false)).toEqual(['A', 'B', 'C']);
  expect(titles(actions, true)).toEqual(['D', 'E']);
});
