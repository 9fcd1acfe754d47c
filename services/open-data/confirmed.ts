import { SignOff } from '../../models/sign-off';

interface Row {
  update: string;
  step: number;
  decision: string;
  steps?: number | null;
}

/**
 * Which of a plan's updates are confirmed, by the sign-off record (models/sign-off.ts): an update
 * with no step-0 (`submitted`) row never needed sign-off and counted at once; one that entered the
 * chain counts only once its last step (`steps` on the step-0 row) has approved it and no step has
 * returned it. Anything else — awaiting a step, returned, or a record that does not say how long
 * its chain was — is not confirmed, so a figure the feed is unsure of is left out, never shown.
 *
 * @returns a test taking an update `_id`; reads the plan's sign-off rows once.
 */
export async function confirmedTest(planId: string): Promise<(update: string) => boolean> {
  const rows = (await SignOff.find(
    { plan: planId },
    { update: 1, step: 1, decision: 1, steps: 1 },
  ).lean()) as Row[];
  const chain = new Map<string, { steps?: number; approved: Set<number>; returned: boolean }>();
  for (const row of rows) {
    const entry = chain.get(row.update) ?? { approved: new Set<number>(), returned: false };
    if (row.decision === 'submitted' && row.step === 0) entry.steps = row.steps ?? undefined;
    if (row.decision === 'approved') entry.approved.add(row.step);
    if (row.decision === 'returned') entry.returned = true;
    chain.set(row.update, entry);
  }
  return (update) => {
    const entry = chain.get(update);
    if (!entry) return true;
    if (entry.returned || entry.steps === undefined || entry.steps < 1) return false;
    // As services/sign-off/decide.ts reckons it: an approval at the chain's last step (or beyond) confirms.
    const steps = entry.steps;
    return [...entry.approved].some((step) => step >= steps);
  };
}
