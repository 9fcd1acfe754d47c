import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json. Found by walking up rather than a fixed `..`, because the same
 * module runs from its source (`models/`, under tsx and jest) and compiled (`dist/models/`).
 */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}
