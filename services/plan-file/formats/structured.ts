import YAML from 'yaml';
import type { Problem } from '../problems';

/** Parses YAML (1.2 core schema: dates stay text, no custom tags) or fails with the line. */
export function parseYaml(source: string): { value?: unknown; problems: Problem[] } {
  const docs = YAML.parseAllDocuments(source, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length !== 1)
    return {
      problems: [{ where: 'file', message: 'expected one YAML document (found several separated by ---)' }],
    };
  const doc = list[0] as YAML.Document;
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({
        where: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : 'file',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  try {
    // A few aliases are fine; thousands are a "billion laughs" attack.
    return { value: doc.toJS({ maxAliasCount: 100 }), problems: [] };
  } catch (error) {
    return { problems: [{ where: 'file', message: `not accepted: ${(error as Error).message}` }] };
  }
}

export function stringifyYaml(value: unknown): string {
  return YAML.stringify(value, { lineWidth: 0, schema: 'core' });
}

export function parseJson(source: string): { value?: unknown; problems: Problem[] } {
  try {
    return { value: JSON.parse(source), problems: [] };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    let where = 'file';
    if (position !== undefined) {
      const before = source.slice(0, Number(position)).split('\n');
      where = `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
    }
    return {
      problems: [{ where, message: `not valid JSON: ${message.split(' in JSON at position')[0]}` }],
    };
  }
}
