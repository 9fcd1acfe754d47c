import { understand } from '../../../bot/understanding/intent';
import { Cycle, Plan, Target, Workshop } from '../../../models';
import type { View } from '../../../services/answers/views';
import { submitEditTargetForm } from '../../../services/forms/edit-target';
import { submitOpenCycleForm } from '../../../services/forms/open-cycle';
import { openPolicyForm } from '../../../services/forms/open-form';
import { submitPublishWorkshopForm } from '../../../services/forms/publish-workshop';
import { loadSnapshot, type PlanSnapshot } from '../../../services/plan/snapshot';
import { importFixture } from '../../support/bot-app';
import { broadcastDeps } from '../../support/chat';
import { useTestDatabase } from '../../support/database';

// The policy team's forms (services/forms/*) against the real database: every message the cycle,
// workshop and plan-file rules give lands beside the field it is about, and nothing is written.
useTestDatabase();
const now = new Date('2027-01-04T10:00:00Z');
let snapshot: PlanSnapshot;
beforeAll(async () => {
  await importFixture('test/fixtures/policy-forms-plan.yaml', 'pat@forms.gov.uk');
  snapshot = await loadSnapshot();
});

const errorsOf = (view: View) =>
  'errors' in view && !('kind' in view && view.kind === 'consultation') ? view.errors : {};
const problemOf = (view: View) => ('problem' in view ? view.problem : undefined);

test.each([
  ['open a cycle', { kind: 'policyForm', form: 'openCycle' }],
  ['new monitoring cycle', { kind: 'policyForm', form: 'openCycle' }],
  ['Open a new cycle', { kind: 'policyForm', form: 'openCycle' }],
  ['new workshop', { kind: 'policyForm', form: 'publishWorkshop' }],
  ['publish a workshop', { kind: 'policyForm', form: 'publishWorkshop' }],
  ['edit ED.1/1', { kind: 'policyForm', form: 'editTarget', code: 'ed.1/1' }],
  ['edit target ed 1/1', { kind: 'policyForm', form: 'editTarget', code: 'ed 1/1' }],
])('"%s" asks for a form', (text, intent) => {
  expect(understand(text, snapshot)).toEqual(intent);
});

const CYCLE = { name: 'Q4 2026/27', scope: 'plan', dueOn: '2027-01-29' };
const open = (values: Record<string, string>) =>
  submitOpenCycleForm({ plan: 'forms-borough', values, by: 'pat@forms.gov.uk', channel: 'cli' }, now);

test.each<[string, Record<string, string>, Record<string, string>]>([
  ['no name', { name: '' }, { name: 'Needs a name such as "Q3 2026/27".' }],
  [
    'a due date that is no date',
    { dueOn: '2027-02-30' },
    { dueOn: 'The due date "2027-02-30" is not a real date; write it as yyyy-mm-dd, e.g. 2027-01-15.' },
  ],
  [
    'a reminder of 0 days',
    { remindDays: '0' },
    { remindDays: 'Up to five whole numbers of working days, each 1 to 60, such as "5, 1".' },
  ],
  [
    'a listed scope with nothing listed',
    { scope: 'listed' },
    { targets: 'List the priorities or targets, such as "ED.1, EN.1/2".' },
  ],
  [
    'a code not in the plan',
    { scope: 'listed', targets: 'ED.1, ZZ.9' },
    { targets: 'Not in plan forms-borough: ZZ.9.' },
  ],
  [
    'a meeting before the due date',
    { meetingName: 'Cabinet', meetingOn: '2027-01-20' },
    {
      meetingOn: 'The meeting (Cabinet on 20 Jan 2027) must be after the date updates are due (29 Jan 2027).',
    },
  ],
  [
    'a report deadline after the meeting',
    { meetingName: 'Cabinet', meetingOn: '2027-02-22', reportDeadline: '2027-02-23' },
    {
      reportDeadline:
        'The report deadline (23 Feb 2027) must be on or before the meeting (Cabinet on 22 Feb 2027).',
    },
  ],
])('opening a cycle with %s: told beside the field, nothing opened', async (_what, change, errors) => {
  const { ok, view } = await open({ ...CYCLE, ...change });
  expect(ok).toBe(false);
  expect(errorsOf(view)).toEqual(errors);
  expect(problemOf(view)).toBeUndefined();
  expect('values' in view && view.values).toMatchObject(change.name === '' ? {} : change);
  expect(await Cycle.countDocuments()).toBe(0);
});

test('a cycle scoped to one aim asks only for its targets, and says what it scheduled', async () => {
  const { ok, view } = await open({ ...CYCLE, name: 'Education Q4', scope: 'aim', aim: 'education' });
  expect(ok).toBe(true);
  expect(view).toMatchObject({ kind: 'notice', suggestions: ['cycle status Education Q4'] });
  expect('text' in view && view.text).toContain('Opened "Education Q4": 2 targets, 2 owners to ask.');
  expect(await Cycle.findById('forms-borough:education-q4').lean()).toMatchObject({
    scope: 'aim education',
    targetCount: 2,
  });
});

const deps = broadcastDeps(() => now, 500);
const WORKSHOP = {
  title: 'Priorities workshop',
  day: '2027-03-16',
  starts: '14:00',
  ends: '16:00',
  place: 'Town Hall',
  capacity: '20',
  audience: 'list: ann@forms.gov.uk',
};
test.each<[string, Record<string, string>, Record<string, string>]>([
  [
    'a day in the past',
    { day: '2026-12-01' },
    { day: 'The workshop must start in the future (it is now Mon 4 Jan 2027, 10:00).' },
  ],
  ['neither place nor link', { place: '' }, { place: 'Give a place or an online link.' }],
  [
    'a link that is not https',
    { link: 'http://x.example' },
    { link: 'The online link must be a web address starting https://' },
  ],
  ['no start time', { starts: '2pm' }, { starts: 'Give the start time as hh:mm, such as 14:00.' }],
  [
    'a role that is none',
    { audience: 'role: wizards' },
    {
      audience:
        '"wizards" is not a role. Roles: staff, owner, deputy, policy, member, admin (or councillors).',
    },
  ],
])('a workshop with %s: told beside the field, nothing published', async (_what, change, errors) => {
  const { ok, view } = await submitPublishWorkshopForm(
    { values: { ...WORKSHOP, ...change }, by: 'pat@forms.gov.uk' },
    deps,
  );
  expect(ok).toBe(false);
  expect(errorsOf(view)).toEqual(errors);
  expect(await Workshop.countDocuments()).toBe(0);
});

const TARGET = 'forms-borough:ED.1/1';
async function edit(change: Record<string, string>) {
  const form = await openPolicyForm({ form: 'editTarget', code: 'ED.1/1' }, snapshot, 'pat@forms.gov.uk');
  if (form.kind !== 'editTargetForm') throw new Error(form.kind);
  return submitEditTargetForm(
    {
      target: TARGET,
      version: form.version,
      values: { ...form.values, ...change },
      by: 'pat@forms.gov.uk',
      channel: 'cli',
    },
    now,
  );
}
test.each<[string, Record<string, string>, Record<string, string>]>([
  ['no text', { text: '' }, { text: 'Must not be empty.' }],
  [
    'a unit that is none',
    { unit: 'bananas' },
    { unit: 'Choose one of: percent, number, count, rate, level, days, money, yesno, date, text.' },
  ],
  [
    'a figure without its text',
    { finalText: '', finalValue: '50' },
    { finalText: 'Give the figure as printed, such as 47%; or clear every part of it to remove it.' },
  ],
  [
    'a change that is not one',
    { interimValue: '', interimChange: 'lots' },
    { interimChange: expect.stringContaining('change') as unknown as string },
  ],
  [
    'an owner not in the plan',
    { owner: 'zed@elsewhere.gov.uk' },
    { owner: "zed@elsewhere.gov.uk is not one of this plan's people: add them through a plan import first." },
  ],
  ['an owner that is no email', { owner: 'not@an@email' }, { owner: 'Expected an email address.' }],
  [
    'the owner as deputy too',
    { deputy: 'Ann Owner' },
    { deputy: 'The deputy must be someone other than the owner.' },
  ],
])('a target edited with %s: told beside the field, nothing written', async (_what, change, errors) => {
  const revision = (await Plan.findById('forms-borough').lean())?.revision;
  const { ok, views } = await edit(change);
  expect(ok).toBe(false);
  expect(views).toHaveLength(1);
  expect(errorsOf(views[0] as View)).toEqual(errors);
  expect((await Plan.findById('forms-borough').lean())?.revision).toBe(revision);
  expect((await Target.findById(TARGET).lean())?.owner).toBe('ann@forms.gov.uk');
});

test('an edit that changes nothing writes nothing', async () => {
  const revision = (await Plan.findById('forms-borough').lean())?.revision;
  const { ok, views } = await edit({});
  expect(ok).toBe(true);
  expect(views).toEqual([
    {
      kind: 'notice',
      text: 'Nothing was changed: ED.1/1 already says that.',
      suggestions: ['status of ED.1'],
    },
  ]);
  expect((await Plan.findById('forms-borough').lean())?.revision).toBe(revision);
});

test('a figure cleared in every part is removed', async () => {
  const { ok, views } = await edit({ finalLabel: '', finalText: '', finalValue: '' });
  expect(ok).toBe(true);
  expect(views[0]).toMatchObject({ kind: 'notice', text: 'Saved ED.1/1: final 50% → none.' });
  expect((await Target.findById(TARGET).lean())?.final).toBeUndefined();
});
