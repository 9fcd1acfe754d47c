import type { z } from 'zod';

/** One thing wrong with a plan file, said so that a person can find and fix it. */
export interface Problem {
  /** "line 12", "targets sheet, row 14, column baselineValue", "priority ED.1 › target ED.1/2 › text" */
  where: string;
  message: string;
}

export type Path = readonly PropertyKey[];

/** Maps a path inside the plan structure to where it sits in the file the person edited. */
export type Locate = (path: Path) => string;

export class PlanFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    const shown = problems.slice(0, 50).map((p) => `  - ${p.where ? `${p.where}: ` : ''}${p.message}`);
    const more = problems.length > 50 ? [`  … and ${problems.length - 50} more`] : [];
    super([`${file} was not imported; nothing was changed:`, ...shown, ...more].join('\n'));
  }
}

/** Names a path by the ids people see ("priority ED.1 › target ED.1/2 › baseline › value"). */
export function describePath(root: unknown, path: Path): string {
  const parts: string[] = [];
  let node: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as PropertyKey;
    const next: unknown =
      node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[step] : undefined;
    if (typeof step === 'number') {
      const id = next !== null && typeof next === 'object' ? (next as { id?: unknown }).id : undefined;
      const kind = singular(String(path[i - 1] ?? 'item'));
      parts.pop();
      parts.push(typeof id === 'string' || typeof id === 'number' ? `${kind} ${id}` : `${kind} ${step + 1}`);
    } else {
      parts.push(String(step));
    }
    node = next;
  }
  return parts.join(' › ');
}

function singular(name: string): string {
  if (name === 'priorities') return 'priority';
  if (name === 'people') return 'person';
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

export function fromZod(error: z.ZodError, locate: Locate): Problem[] {
  return error.issues.map((issue) => {
    const path = issue.path as Path;
    if (issue.code === 'unrecognized_keys') {
      return {
        where: locate(path),
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    }
    if ('input' in issue && issue.input === undefined && issue.code !== 'custom') {
      return { where: locate(path), message: 'is required but missing' };
    }
    return { where: locate(path), message: issue.message };
  });
}
