import mongoose from 'mongoose';
import { createRouter } from '../../../bot/router';
import {
  Aim,
  Audit,
  Consultation,
  Cycle,
  CycleTarget,
  Delivery,
  Job,
  Person,
  Plan,
  Priority,
  Target,
  Update,
  Workshop,
} from '../../../models';
import { trusted } from '../../../models/operators';
import type { ListItemView, View } from '../../../services/answers/views';
import { consultationResults } from '../../../services/consultation/results';
import { Links } from '../../../services/links';
import { createLogger } from '../../../services/log/logger';
import { readPlanFile } from '../../../services/plan-file/read';
import { DEMO_PLAN_FILE, loadDemoPlan, type DemoSummary } from '../../../services/plan/demo';
import { DEMO_SENT_ID } from '../../../services/plan/demo-broadcasts';
import { toDocuments } from '../../../services/plan/documents';
import { PlanCatalogue } from '../../../services/plan/snapshot';
import { workshopCounts } from '../../../services/workshop/view';
import { useTestDatabase } from '../../support/database';

// The demo as `npm start` loads it into an empty database, on a fixed day (a Monday in November),
// asked what a newcomer asks. test/services/plan/demo-calendar.test.ts checks the dates on any day.
const db = useTestDatabase();
const log = createLogger('silent');
const MAX = 20 * 1024 * 1024;
const NOW = new Date('2026-11-30T10:00:00Z');
const ALEX = 'alexw@example.com';
const TERMINAL = 'terminal.user@demo.example';
const load = (mode: 'auto' | 'always' | 'never', embedded = true) =>
  loadDemoPlan(mode, embedded, log, MAX, { now: NOW });

const router = createRouter(new PlanCatalogue(0), { now: () => NOW });
const ask = (text: string, personId?: string): Promise<View> =>
  router({ text, asker: { personId }, channel: 'teams' });
const codes = (view: View) => (view.kind === 'list' ? view.items.map((i: ListItemView) => i.code) : []);
/** Every page of a list, following its "Show more" (a page at a time: services/answers/paging.ts). */
async function allPages(text: string, personId?: string): Promise<string[]> {
  const found: string[] = [];
  for (let next: string | undefined = text; next;) {
    const view = await ask(next, personId);
    found.push(...codes(view));
    next = view.kind === 'list' ? view.more?.ask : undefined;
  }
  return found;
}

/** Every document of every collection, for "loading again changes nothing". */
async function everything(): Promise<Record<string, string[]>> {
  const all: Record<string, string[]> = {};
  for (const [name, c] of Object.entries(mongoose.connection.collections))
    all[name] = (await c.find({}).sort({ _id: 1 }).toArray()).map((d) => JSON.stringify(d));
  return all;
}

test('never loads nothing; auto loads nothing into a MongoDB of your own', async () => {
  expect(await load('never')).toBeUndefined();
  expect(await load('auto', false)).toBeUndefined();
  expect(await Plan.countDocuments()).toBe(0);
  expect(await Person.countDocuments()).toBe(0);
});

describe('loaded into an empty embedded database', () => {
  let loaded: DemoSummary | undefined;
  beforeAll(async () => {
    await db.reset();
    loaded = await load('auto');
  });

  test('the Leicester plan rows are exactly as printed; every target has an owner and a deputy', async () => {
    expect(loaded).toMatchObject({ history: true, cycles: expect.any(Array) });
    const file = toDocuments(await readPlanFile(DEMO_PLAN_FILE, { maxBytes: MAX }));
    const strip = (d: Record<string, unknown>) => {
      const {
        createdAt: _c,
        updatedAt: _u,
        revision: _r,
        owner: _o,
        deputy: _d,
        latest: _l,
        previous: _p,
        recent: _recent,
        confirmed: _confirmed,
        ...rest
      } = d;
      return rest;
    };
    const stored = async (model: mongoose.Model<never>) =>
      (
        (await model.find({ plan: 'leicester-2003' }).sort({ order: 1 }).lean()) as Record<string, unknown>[]
      ).map(strip);
    expect(await stored(Target as never)).toEqual(file.targets.map(strip));
    expect(await stored(Priority as never)).toEqual(file.priorities.map(strip));
    expect(await stored(Aim as never)).toEqual(file.aims.map(strip));
    expect(strip((await Plan.findById('leicester-2003').lean()) as Record<string, unknown>)).toMatchObject(
      strip(file.plan),
    );
    const targets = await Target.find({ plan: 'leicester-2003' }).lean();
    expect(targets).toHaveLength(77);
    expect(targets.filter((t) => !t.owner || !t.deputy)).toEqual([]);
  });

  test('about 25 invented people, the Playground and terminal users among them', async () => {
    const people = await Person.find().lean();
    expect(people).toHaveLength(25);
    expect(people.filter((p) => !/@(example\.com|demo\.example)$/.test(p._id))).toEqual([]);
    expect(await Person.findById(ALEX).lean()).toMatchObject({
      name: 'Alex Wilber',
      teamsId: 'user-id-0',
      roles: expect.arrayContaining(['owner', 'policy']),
    });
    expect(await Person.findById(TERMINAL).lean()).toMatchObject({
      teamsId: 'terminal-user',
      roles: expect.arrayContaining(['owner', 'policy']),
    });
    expect((await Target.findById('leicester-2003:ED.1/1').lean())?.owner).toBe(ALEX);
    // Only the people you can be are in the policy team: escalations reach nobody fictional.
    expect((await Person.find({ roles: 'policy' }).lean()).map((p) => p._id).sort()).toEqual([
      ALEX,
      TERMINAL,
    ]);
  });

  test("what's off track, my targets, and a status card with a trend", async () => {
    expect(await allPages("what's off track?")).toEqual(
      expect.arrayContaining(['ED.1', 'ED.2', 'SC3', 'SC4', 'EN.2', 'EN.3', 'Cl. 5']),
    );
    expect(codes(await ask('anything red?'))).toEqual(expect.arrayContaining(['ED.2', 'EN.3']));

    const mine = await ask('my targets', ALEX);
    expect(mine).toMatchObject({ kind: 'list', title: 'Your targets' });
    expect(codes(mine).filter((c) => c === 'ED.1')).toHaveLength(2);
    expect(codes(await ask('my targets', TERMINAL))).toContain('EN.3');

    const status = await ask('status of ED.1');
    expect(status).toMatchObject({
      kind: 'priorityStatus',
      targets: [
        {
          id: 'ED.1/1',
          owner: 'Alex Wilber',
          latest: {
            rag: 'amber',
            trend: 'up',
            text: expect.stringMatching(/^44\.8% as of 30 Jun 2026$/),
          },
        },
        { id: 'ED.1/2', latest: { rag: 'green', trend: 'down', commentary: expect.any(String) } },
      ],
    });
    // The history is in `updates`: three quarters of ED.1/2, each through its cycle's form.
    expect(await Update.countDocuments({ target: 'ED.1/2', channel: 'teams' })).toBe(3);
  });

  test('two closed cycles and an open one, due in the future, with ED.1/1 outstanding', async () => {
    const cycles = await Cycle.find().sort({ opensOn: 1 }).lean();
    expect(cycles.map((c) => [c.name, c.status])).toEqual([
      ['Q4 2025/26', 'closed'],
      ['Q1 2026/27', 'closed'],
      ['Q2 2026/27', 'open'],
    ]);
    const [, , open] = cycles;
    expect(open?.dueOn).toBe('2026-12-21');
    expect(cycles.filter((c) => c.closedOn && c.closedOn >= '2026-11-30')).toEqual([]);
    expect(await CycleTarget.findById(`${open?._id}|leicester-2003:ED.1/1`).lean()).toMatchObject({
      owner: ALEX,
    });
    expect(
      (await CycleTarget.findById(`${open?._id}|leicester-2003:ED.1/1`).lean())?.submitted,
    ).toBeUndefined();

    const status = await ask('cycle status', ALEX);
    expect(status).toMatchObject({
      kind: 'cycleStatus',
      name: 'Q2 2026/27',
      totals: { submitted: 16, outstanding: 8, overdue: 0 },
      remind: 'remind outstanding for Q2 2026/27',
    });
  });

  test('the consultation closed with answers; the workshop is upcoming with replies', async () => {
    const consultation = await Consultation.findOne().lean();
    expect(consultation).toMatchObject({ status: 'closed', author: ALEX });
    expect(consultation!.closesAt.getTime()).toBeLessThan(NOW.getTime());
    const results = await consultationResults(consultation!._id, new Links('http://localhost'));
    expect(results?.status).toMatch(/^Closed .*: 14 responses from 25 people \(56%\)$/);
    expect(results?.questions[0]?.tallies.map((t) => [t.label, t.count])).toEqual([
      ['Yes', 7],
      ['Mostly', 6],
      ['No', 1],
    ]);

    const workshop = await Workshop.findById('line-of-sight').lean();
    expect(workshop!.startsAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(await workshopCounts('line-of-sight')).toEqual({ taken: 8, waiting: 0 });
  });

  test('nothing is waiting to be sent, and no job will message anyone fictional', async () => {
    expect(await Delivery.countDocuments({ status: trusted({ $ne: 'sent' as const }) })).toBe(0);
    expect(await Delivery.countDocuments({ sentId: trusted({ $ne: DEMO_SENT_ID }) })).toBe(0);
    const due = await Job.find({ state: 'due' }).lean();
    expect(due.length).toBeGreaterThan(0);
    for (const job of due) {
      expect(job.at.getTime()).toBeGreaterThan(NOW.getTime());
      expect([ALEX, TERMINAL]).toContain((job.payload as { owner?: string }).owner);
    }
  });

  test('loading again changes nothing, with always as with auto', async () => {
    const before = await everything();
    expect(await load('auto')).toBeUndefined();
    expect(await load('always')).toMatchObject({ history: false, plan: { changed: false } });
    expect(await everything()).toEqual(before);
  });

  test('always keeps an owner assigned since, and adds nobody twice', async () => {
    await Target.updateOne({ _id: 'leicester-2003:ED.2/1' }, { $set: { owner: TERMINAL } });
    const audits = await Audit.countDocuments();
    expect(await load('always')).toMatchObject({ history: false, plan: { changed: false } });
    expect((await Target.findById('leicester-2003:ED.2/1').lean())?.owner).toBe(TERMINAL);
    expect(await Audit.countDocuments()).toBe(audits);
    expect(await Person.countDocuments()).toBe(25);
  });
});
