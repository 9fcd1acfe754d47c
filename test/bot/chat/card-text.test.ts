import { cardText } from '../../../bot/chat/card-text';
import { renderTeams } from '../../../cards/teams/render';

test('a card reads as plain lines in the terminal', () => {
  const card = renderTeams({
    kind: 'priorityStatus',
    code: 'ED.1',
    title: 'Raise attainment of all pupils.',
    aim: 'Education',
    plan: 'leicester-2003',
    targets: [
      {
        id: 'ED.1/1',
        text: 'To increase GCSE results (BV 38).',
        piCodes: ['BV 38'],
        figures: [
          { label: 'Baseline 2001/02', text: '40.7%' },
          { label: 'Interim 2004', text: '46%' },
        ],
      },
    ],
  });
  expect(cardText(card.content)).toEqual([
    'ED.1 · Education',
    'Raise attainment of all pupils.',
    '—',
    'To increase GCSE results (BV 38).',
    'PI: BV 38',
    '  Baseline 2001/02: 40.7%',
    '  Interim 2004: 46%',
    'No update reported yet',
    'Owner: none assigned yet',
  ]);
});
