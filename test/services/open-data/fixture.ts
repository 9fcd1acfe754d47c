import { Plan, SignOff, Update } from '../../../models';
import { importPlan } from '../../../services/plan/import';
import { refreshLatest, type FigureStatus } from '../../../services/plan/latest';
import { planFileSchema, type PlanFileInput } from '../../../services/plan-file/schema';

/**
 * A Welsh council's plan for the open-data tests: names with non-ASCII letters, two owners (one
 * with a job title), confirmed figures from a plan file, and figures still in the sign-off chain
 * added afterwards as the chain records them (an update, its step-0 row, `refreshLatest` with
 * `provisional`). Every value a test must never find in the published data is in `SECRET`.
 */
export const PLAN = 'ynys-mon-2026';
export const ORGANISATION = 'Cyngor Sir Ynys Môn';
export const TITLE = 'Cynllun y Cyngor 2026–2028: Môn a’i phobl';
export const SECRET = {
  emails: ['sian.jones@ynysmon.gov.uk', 'dafydd.gwilym@ynysmon.gov.uk', 'policy@ynysmon.gov.uk'],
  names: ['Siân', 'Jones', 'Dafydd', 'Gwilym', 'Policy Officer'],
  /** Provisional figures (as the feed would print them) and free text that is not published. */
  provisional: ['61.5', '6.75'],
  text: ['Presenoldeb yn codi', 'Staff newydd ym mis Ionawr', 'https://intranet.ynysmon.gov.uk/evidence'],
};
export const JOB_TITLE = 'Pennaeth Addysg (Head of Education)';

export function welshPlanFile(owners?: 'none' | 'jobTitle'): PlanFileInput {
  return {
    format: 'golden-thread-plan/1',
    plan: {
      id: PLAN,
      title: TITLE,
      organisation: ORGANISATION,
      period: { label: '2026–2028', start: '2026-04-01', end: '2028-03-31' },
      status: 'adopted',
      version: 1,
      ...(owners ? { openData: { owners } } : {}),
    },
    aims: [
      { id: 'addysg', code: 'A', title: 'Addysg a sgiliau — Education and skills' },
      { id: 'tai', code: 'T', title: 'Tai: cartrefi fforddiadwy i bobl Môn' },
    ],
    priorities: [
      {
        id: 'AD.1',
        code: 'AD.1',
        aim: 'addysg',
        title: 'Gwella presenoldeb mewn ysgolion (school attendance)',
        targets: [
          {
            id: 'AD.1/1',
            text: 'Presenoldeb ysgolion cynradd — primary attendance',
            piCodes: ['PAM/007'],
            unit: 'percent',
            direction: 'up',
            frequency: 'quarterly',
            baseline: { label: '2025/26', text: '90%', value: 90 },
            final: { label: '2027/28', text: '95%', value: 95 },
            owner: 'sian.jones@ynysmon.gov.uk',
          },
          {
            id: 'AD.1/2',
            text: '=2+2 diwrnod salwch staff (sickness days per FTE)',
            unit: 'days',
            direction: 'down',
            frequency: 'quarterly',
            baseline: { label: '2025/26', text: '9 days', value: 9 },
            final: { label: '2027/28', text: '6 days', value: 6 },
            owner: 'dafydd.gwilym@ynysmon.gov.uk',
          },
        ],
      },
      { id: 'TA.1', code: 'TA.1', aim: 'tai', title: 'Mwy o dai fforddiadwy yng Nghaergybi' },
    ],
    people: [
      {
        id: 'sian.jones@ynysmon.gov.uk',
        name: 'Siân Jones',
        roles: ['owner'],
        jobTitle: JOB_TITLE,
      },
      { id: 'dafydd.gwilym@ynysmon.gov.uk', name: 'Dafydd ap Gwilym', roles: ['owner'] },
      { id: 'policy@ynysmon.gov.uk', name: 'Policy Officer', roles: ['policy'] },
    ],
    updates: [
      {
        id: 'q1-ad1-1',
        target: 'AD.1/1',
        value: 91,
        asOf: '2026-06-30',
        rag: 'amber',
        commentary: 'Presenoldeb yn codi',
        by: 'sian.jones@ynysmon.gov.uk',
        at: '2026-07-08T09:00:00Z',
      },
      {
        id: 'q2-ad1-1',
        target: 'AD.1/1',
        value: 92.5,
        asOf: '2026-09-30',
        rag: 'green',
        overrideReason: 'Staff newydd ym mis Ionawr',
        evidence: 'https://intranet.ynysmon.gov.uk/evidence',
        by: 'sian.jones@ynysmon.gov.uk',
        at: '2026-10-07T09:00:00Z',
      },
      {
        id: 'q1-ad1-2',
        target: 'AD.1/2',
        value: 8,
        asOf: '2026-06-30',
        rag: 'amber',
        by: 'dafydd.gwilym@ynysmon.gov.uk',
        at: '2026-07-09T09:00:00Z',
      },
    ],
  };
}

/** Submits a figure as the sign-off chain does: the update, its step-0 row, then `latest`. */
async function submit(
  id: string,
  target: string,
  value: number,
  asOf: string,
  at: string,
  status: FigureStatus,
): Promise<void> {
  const update = {
    _id: `${PLAN}:${id}`,
    plan: PLAN,
    target,
    value,
    asOf,
    rag: 'green' as const,
    commentary: 'Presenoldeb yn codi',
    by: SECRET.emails[0],
    at: new Date(at),
    channel: 'teams' as const,
  };
  await Update.create(update);
  if (status !== 'confirmed')
    await SignOff.create({
      _id: `${update._id}|0`,
      update: update._id,
      plan: PLAN,
      target: `${PLAN}:${target}`,
      step: 0,
      decision: 'submitted',
      steps: 2,
      by: update.by,
      at: update.at,
      channel: 'teams',
    });
  await refreshLatest(PLAN, [update], undefined, status);
  await Plan.updateOne({ _id: PLAN }, { $inc: { revision: 1 } });
}

/**
 * Loads the plan, then: AD.1/1 gets a provisional Q3 figure of 61.5 (its `latest`; `confirmed`
 * stays Q2's 92.5); AD.1/2 gets a provisional Q2 figure of 6.75 and then a Q3 figure of 7 that
 * needed no sign-off, so the provisional one sits between two confirmed ones in its history.
 */
export async function loadWelshPlan(owners?: 'none' | 'jobTitle'): Promise<void> {
  await importPlan(planFileSchema.parse(welshPlanFile(owners)), { by: 'policy@ynysmon.gov.uk' });
  await submit('q3-ad1-1', 'AD.1/1', 61.5, '2026-12-31', '2027-01-08T09:00:00Z', 'provisional');
  await submit('q2-ad1-2', 'AD.1/2', 6.75, '2026-09-30', '2026-10-08T09:00:00Z', 'provisional');
  await submit('q3-ad1-2', 'AD.1/2', 7, '2026-12-31', '2027-01-09T09:00:00Z', 'confirmed');
}
