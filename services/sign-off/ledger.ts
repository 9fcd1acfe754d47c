import { SignOff } from '../../models';
import { anyOf } from '../../models/operators';
import type { FigureStatus } from '../plan/latest';

/** A sign-off row as read back (models/sign-off.ts). */
export interface SignOffRow {
  _id: string;
  update: string;
  step: number;
  decision: 'submitted' | 'approved' | 'returned';
  steps?: number | null;
  comment?: string | null;
  by: string;
  at: Date;
}

/** Where one update stands in its chain, worked out from its rows. */
export interface Standing {
  status: FigureStatus;
  /** How many steps the chain had when the update entered it. */
  steps: number;
  /** Steps approved so far, in order (an approval is only taken at the next step). */
  approved: SignOffRow[];
  /** The row that sent it back, when it was returned. */
  returned?: SignOffRow;
}

export const signOffId = (update: string, step: number): string => `${update}|${step}`;

/**
 * Where an update stands: undefined when it never entered a chain (it counted at once); else
 * returned, confirmed once every step approved, provisional until then.
 */
export function standingOf(rows: readonly SignOffRow[]): Standing | undefined {
  const entered = rows.find((r) => r.step === 0);
  if (!entered) return undefined;
  const steps = entered.steps ?? 0;
  const approved = rows.filter((r) => r.decision === 'approved').sort((a, b) => a.step - b.step);
  const returned = rows.find((r) => r.decision === 'returned');
  const status: FigureStatus = returned ? 'returned' : approved.length >= steps ? 'confirmed' : 'provisional';
  return { status, steps, approved, ...(returned ? { returned } : {}) };
}

/** The standing of each update that entered a chain, by update id; one read for them all. */
export async function standings(updates: readonly string[]): Promise<Map<string, Standing>> {
  const result = new Map<string, Standing>();
  if (updates.length === 0) return result;
  const rows = (await SignOff.find({ update: anyOf([...new Set(updates)]) }).lean()) as SignOffRow[];
  const byUpdate = new Map<string, SignOffRow[]>();
  for (const r of rows) byUpdate.set(r.update, [...(byUpdate.get(r.update) ?? []), r]);
  for (const [update, list] of byUpdate) {
    const standing = standingOf(list);
    if (standing) result.set(update, standing);
  }
  return result;
}
