import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringifyCsv } from './formats/csv';
import { stringifyYaml } from './formats/structured';
import { writeXlsx } from './formats/xlsx';
import { PLAN_FILE_TYPES } from './read';
import type { PlanFile } from './schema';
import { planToRows } from './tables';

/** Writes a plan in the format its file name asks for. */
export async function writePlanFile(file: string, plan: PlanFile): Promise<void> {
  const type = path.extname(file).toLowerCase();
  let data: string | Buffer;
  if (type === '.yaml' || type === '.yml') data = stringifyYaml(plan);
  else if (type === '.json') data = `${JSON.stringify(plan, null, 2)}\n`;
  else if (type === '.csv') data = stringifyCsv(planToRows(plan));
  else if (type === '.xlsx') data = await writeXlsx(planToRows(plan));
  else
    throw new Error(
      `"${type || 'no extension'}" is not a plan file type (use ${PLAN_FILE_TYPES.join(', ')})`,
    );
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, data);
}
