import { writeFile } from 'node:fs/promises';
import { AuditExportError, auditCsv } from './export';

export interface AuditCommand {
  /** yyyy-mm-dd: only changes on or after that London day. */
  since?: string;
  /** A plan id: only changes about that plan. */
  plan?: string;
  /** A .csv file to write; without it the CSV goes to standard output. */
  out?: string;
}

/**
 * `npm run plan -- audit [--since yyyy-mm-dd] [--plan id] [--out file.csv]`, with the database
 * already open: the audit trail as CSV. Returns the exit code (1 for a bad option, said on stderr).
 */
export async function auditCommand(options: AuditCommand): Promise<number> {
  try {
    const { csv, rows } = await auditCsv(options);
    if (!options.out) {
      process.stdout.write(csv);
      return 0;
    }
    await writeFile(options.out, csv);
    console.log(`Wrote ${rows} audit record${rows === 1 ? '' : 's'} to ${options.out}.`);
    return 0;
  } catch (error) {
    if (!(error instanceof AuditExportError)) throw error;
    console.error(error.message);
    return 1;
  }
}
