import { Cycle, Delivery, Job } from '../../../models';
import { committeeDates, deadlineChecks, deadlineJob } from '../../../services/cycle/committee';
import { policyTeam } from '../../../services/cycle/jobs';
import { CycleError, openCycle } from '../../../services/cycle/open';
import { createLogger } from '../../../services/log/logger';
import { submitUpdate } from '../../../services/target-update/submit';
import { importFixture } from '../../support/bot-app';
import { useTestDatabase } from '../../support/database';

// The committee calendar (issue 14, item 2): a cycle names the meeting its report goes to and the
// report deadline; its dates are checked against them, and the policy team is told in time which
// figures will miss the report.
useTestDatabase();
const CABINET = { name: 'Cabinet', on: '2027-05-24' }; // a Monday
const base = {
  plan: 'cycle-borough',
  name: 'Q4 2026/27',
  opensOn: '2027-04-01',
  dueOn: '2027-04-16',
  by: 'pat@cycle.gov.uk',
};

beforeAll(async () => {
  await importFixture('test/fixtures/cycle-plan.yaml');
});

describe('the dates', () => {
  test('the report is due six working days before the meeting, so its agenda goes out five clear days ahead', () => {
    // Mon 24 May 2027: back past Fri 21, Thu 20, Wed 19, Tue 18, Mon 17 → Fri 14 May.
    expect(committeeDates({ dueOn: '2027-04-16', meeting: CABINET })).toEqual({
      reportDeadline: '2027-05-14',
      problems: [],
      warnings: [],
    });
    // The late May bank holiday (Mon 31 May 2027) is not a working day.
    expect(
      committeeDates({ dueOn: '2027-04-16', meeting: { name: 'Cabinet', on: '2027-06-07' } }).reportDeadline,
    ).toBe('2027-05-27');
  });

  test.each([
    [
      { meeting: { name: 'Cabinet', on: '2027-04-12' } },
      'The meeting (Cabinet on 12 Apr 2027) must be after the date updates are due (16 Apr 2027).',
    ],
    [
      { meeting: CABINET, reportDeadline: '2027-05-25' },
      'The report deadline (25 May 2027) must be on or before the meeting (Cabinet on 24 May 2027).',
    ],
    [
      { reportDeadline: '2027-04-16' },
      'Updates are due on 16 Apr 2027, but the report must be ready by 16 Apr 2027: make the due date earlier or the deadline later.',
    ],
    [
      { meeting: { name: 'Cabinet', on: '2027-04-23' } },
      'Updates are due on 16 Apr 2027, but the report must be ready by 15 Apr 2027 (5 clear working days before Cabinet on 23 Apr 2027): make the due date earlier or the deadline later.',
    ],
  ])('%o is refused: %s', (dates, problem) => {
    expect(committeeDates({ dueOn: '2027-04-16', ...dates }).problems).toContain(problem);
  });

  test('one working day for sign-off is allowed, and said', () => {
    expect(committeeDates({ dueOn: '2027-05-13', meeting: CABINET }).warnings).toEqual([
      'Only one working day lies between the due date (13 May 2027) and the report deadline (14 May 2027) for figures to be signed off.',
    ]);
  });

  test('the policy team is told two working days before the deadline and on its morning', () => {
    expect(deadlineChecks('2027-04-01', '2027-05-14').map((c) => [c.key, c.at.toISOString()])).toEqual([
      ['deadline-2', '2027-05-12T08:00:00.000Z'],
      ['deadline-0', '2027-05-14T08:00:00.000Z'],
    ]);
  });
});

test('a cycle with impossible dates is refused and writes nothing', async () => {
  const attempt = openCycle({ ...base, meeting: { name: 'Cabinet', on: '2027-04-12' } });
  await expect(attempt).rejects.toThrow(CycleError);
  await expect(attempt).rejects.toThrow('must be after the date updates are due');
  await expect(openCycle({ ...base, meeting: { name: 'Cabinet', on: '24 May' } })).rejects.toThrow(
    'meeting.on must be a date written yyyy-mm-dd',
  );
  expect(await Cycle.countDocuments()).toBe(0);
  expect(await Job.countDocuments()).toBe(0);
});

test('a cycle names its meeting; the deadline check tells the policy team what will miss the report', async () => {
  const opened = await openCycle({ ...base, meeting: CABINET });
  expect(opened).toMatchObject({ reportDeadline: '2027-05-14', warnings: [] });
  expect(await Cycle.findById(opened.id).lean()).toMatchObject({
    meeting: CABINET,
    reportDeadline: '2027-05-14',
  });
  expect((await Job.find({ kind: 'cycle-deadline' }).lean()).map((j) => j._id).sort()).toEqual([
    `deadline-0:${opened.id}`,
    `deadline-2:${opened.id}`,
  ]);

  // Ann reports ED.1/1; the other three targets are not reported.
  const submitted = await submitUpdate(
    {
      cycleId: opened.id,
      targetId: 'cycle-borough:ED.1/1',
      personId: 'ann@cycle.gov.uk',
      channel: 'teams',
      values: { value: '47', asOf: '2027-03-31' },
    },
    createLogger('silent'),
    new Date('2027-04-05T10:00:00Z'),
  );
  expect(submitted.ok).toBe(true);

  const now = new Date('2027-05-12T08:00:00Z');
  const run = deadlineJob({ now: () => now, policyTeam });
  const job = { id: `deadline-2:${opened.id}`, at: now };
  expect(await run({ cycle: opened.id }, job as never)).toBe('queued 1');
  const [notice] = await Delivery.find({ batch: job.id }).lean();
  expect(notice?.person).toBe('pat@cycle.gov.uk');
  expect(JSON.stringify(notice?.message)).toContain(
    '\\"Q4 2026/27\\": the report for Cabinet on 24 May 2027 must be ready by 14 May 2027, and 3 of 4 figures will miss it as things stand: 3 not submitted (ED.1 (ED.1/2), EN.1 (EN.1/1), EN.1 (EN.1/2)).',
  );
  // Run again (a restart): nothing new is queued.
  await run({ cycle: opened.id }, job as never);
  expect(await Delivery.countDocuments({ batch: job.id })).toBe(1);
});
