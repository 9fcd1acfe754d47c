import { fits } from '../../../cards/fits';
import { Job } from '../../../models';
import type { BroadcastFormDeps } from '../../../services/broadcast/broadcast';
import { composeConsultation } from '../../../services/consultation/compose';
import { Links } from '../../../services/links';
import { createLogger } from '../../../services/log/logger';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// A consultation's nudge is "n days before closing" in London wall time: at the closing time of
// day, GMT or BST as the nudge's day falls (2027: BST from Sun 28 March, GMT from Sun 31 October).
useTestDatabase();
const deps: BroadcastFormDeps = {
  now: () => new Date('2027-03-01T09:00:00Z'),
  log: createLogger('silent'),
  links: new Links('https://bot.example'),
  approvalOver: 100,
  fits,
  invitation: async () => ({ kind: 'notice', text: 'x', suggestions: [] }),
};
beforeAll(() => importFixture('test/fixtures/consultation-plan.yaml'));

/** Sends a consultation closing at `closes` (London) and gives its jobs as [kind, UTC instant]. */
async function jobsFor(title: string, closes: string, nudgeDays = '2') {
  await composeConsultation(
    {
      author: 'pat@consult.gov.uk',
      mode: 'send',
      values: {
        title,
        summary: 'What should the council do first? Tell us before it closes.',
        questions: 'single: Do you agree? | Yes | No',
        closes,
        nudgeDays,
        audience: 'list: ann@consult.gov.uk',
      },
    },
    deps,
  );
  const jobs = await Job.find({}, { kind: 1, at: 1, payload: 1 }).sort({ at: 1 }).lean();
  return jobs
    .filter(
      (j) => j.kind.startsWith('consultation-') && String(j.payload.consultation).startsWith(`${title}-`),
    )
    .map((j) => [j.kind, new Date(j.at).toISOString()]);
}

test('closing 17:00 BST on 29 March 2027: nudged at 17:00 GMT on the 27th', async () => {
  expect(await jobsFor('spring', '2027-03-29 17:00')).toEqual([
    ['consultation-nudge', '2027-03-27T17:00:00.000Z'], // 17:00 GMT, not 16:00
    ['consultation-close', '2027-03-29T16:00:00.000Z'], // 17:00 BST
  ]);
});

test('closing 17:00 GMT on 1 November 2027: nudged at 17:00 BST on 30 October', async () => {
  expect(await jobsFor('autumn', '2027-11-01 17:00')).toEqual([
    ['consultation-nudge', '2027-10-30T16:00:00.000Z'], // 17:00 BST, not 18:00
    ['consultation-close', '2027-11-01T17:00:00.000Z'], // 17:00 GMT
  ]);
});

test('a week-long nudge across the spring change keeps the time of day too', async () => {
  expect(await jobsFor('week', '2027-04-02 12:00', '7')).toEqual([
    ['consultation-nudge', '2027-03-26T12:00:00.000Z'], // 12:00 GMT
    ['consultation-close', '2027-04-02T11:00:00.000Z'], // 12:00 BST
  ]);
});
