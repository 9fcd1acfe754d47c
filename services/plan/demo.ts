import path from 'node:path';
import { Plan } from '../../models';
import type { Logger } from '../log/logger';
import { importPlanFile } from './import';

export const DEMO_PLAN_FILE = path.join(__dirname, '..', '..', 'plans', 'leicester-2003.yaml');

/**
 * Loads the bundled demo plan (Leicester 2003). `auto` loads it only into an empty embedded
 * database: a real MongoDB is never filled with demo data unless asked with `always`.
 */
export async function loadDemoPlan(
  mode: 'auto' | 'always' | 'never',
  embedded: boolean,
  log: Logger,
  maxBytes: number,
): Promise<void> {
  if (mode === 'never' || (mode === 'auto' && !embedded)) return;
  if (mode === 'auto' && (await Plan.exists({}))) return;
  const summary = await importPlanFile(DEMO_PLAN_FILE, maxBytes, { by: 'demo-loader' });
  log.info(
    { plan: summary.plan, priorities: summary.priorities, targets: summary.targets },
    'Demo plan loaded',
  );
}
