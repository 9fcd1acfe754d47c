import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../../services/log/logger';
import { projectRoot } from '../project-root';

const run = promisify(execFile);

const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB@v1.24.2';
// The Go sources stay beside this file's source, also when it runs compiled from dist/.
const SOURCE_DIR = path.join(projectRoot(), 'models', 'embedded', 'ferretdb');
/** FerretDB 1.x gets no more releases, so its fixes travel as patches applied at build time. */
const PATCHES = [
  'sqlite-id-index.patch',
  'update-statement-cursor.patch',
  'sqlite-id-pushdown.patch',
  'resource-tracking.patch',
  'sqlite-index-pushdown.patch',
  'sqlite-debug-log.patch',
  'sqlite-insert-batch.patch',
];
const SOURCE_FILES = ['main.go', 'go.mod', 'go.sum', ...PATCHES];
const MIN_GO = [1, 24] as const;

export class EmbeddedDatabaseError extends Error {}

const FIX =
  'Install Go 1.24 or newer (https://go.dev/dl/) so the embedded database can be built, ' +
  'or set MONGODB_URI to use a MongoDB server instead.';

/**
 * Builds the embedded FerretDB program once and returns its path. The binary's name carries a hash
 * of the Go sources and the patch, so a changed source builds anew and an unchanged one is reused.
 */
export async function buildEmbeddedDatabase(cacheDir: string, log: Logger): Promise<string> {
  const hash = await sourceHash();
  const binary = path.join(cacheDir, `ferretdb-${hash}`);
  if (existsSync(binary)) return binary;

  const goVersion = await checkGo();
  log.info({ goVersion }, 'Building the embedded database (FerretDB 1.24; first run only, about 2 minutes)…');
  const started = Date.now();
  const work = path.join(cacheDir, `build-${hash}-${process.pid}`);
  await fs.rm(work, { recursive: true, force: true });
  await fs.mkdir(work, { recursive: true });
  try {
    for (const file of SOURCE_FILES) await fs.copyFile(path.join(SOURCE_DIR, file), path.join(work, file));
    await copyPatchedModule(work);
    await go(['build', '-trimpath', '-ldflags=-s -w', '-o', `${binary}.tmp`, '.'], work);
    // rename is atomic: a concurrent start sees either no binary or a whole one.
    await fs.rename(`${binary}.tmp`, binary);
    await removeOlderBuilds(cacheDir, binary);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  log.info({ seconds: Math.round((Date.now() - started) / 1000), binary }, 'Embedded database built');
  return binary;
}

async function removeOlderBuilds(cacheDir: string, keep: string): Promise<void> {
  for (const name of await fs.readdir(cacheDir)) {
    const file = path.join(cacheDir, name);
    if (/^ferretdb-[0-9a-f]{12}$/.test(name) && file !== keep) await fs.rm(file, { force: true });
  }
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of SOURCE_FILES) hash.update(await fs.readFile(path.join(SOURCE_DIR, file)));
  hash.update(`${process.platform}-${process.arch}`);
  return hash.digest('hex').slice(0, 12);
}

async function checkGo(): Promise<string> {
  let output: string;
  try {
    output = (await run('go', ['version'], { env: process.env })).stdout;
  } catch {
    throw new EmbeddedDatabaseError(`Go was not found on this machine. ${FIX}`);
  }
  const match = /go(\d+)\.(\d+)/.exec(output);
  const [major, minor] = [Number(match?.[1]), Number(match?.[2])];
  if (!match || major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    throw new EmbeddedDatabaseError(`Go is too old (${output.trim()}). ${FIX}`);
  }
  return `${major}.${minor}`;
}

async function copyPatchedModule(work: string): Promise<void> {
  const { stdout } = await go(['mod', 'download', '-json', FERRETDB_MODULE], work);
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!dir) throw new EmbeddedDatabaseError(`go mod download did not name a folder for ${FERRETDB_MODULE}`);
  const target = path.join(work, 'ferretdb-src');
  await fs.cp(dir, target, { recursive: true });
  await run('chmod', ['-R', 'u+w', target]);
  for (const patch of PATCHES) {
    try {
      await run('git', ['apply', path.join(work, patch)], { cwd: target });
    } catch (error) {
      throw new EmbeddedDatabaseError(`The FerretDB patch ${patch} did not apply: ${errorText(error)}`);
    }
  }
}

async function go(args: string[], cwd: string): Promise<{ stdout: string }> {
  try {
    // GOFLAGS from the caller's shell could change module mode; the build wants the committed go.sum.
    return await run('go', args, { cwd, env: { ...process.env, GOFLAGS: '' }, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new EmbeddedDatabaseError(`go ${args[0]} failed: ${errorText(error)}\n${FIX}`);
  }
}

function errorText(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  return (stderr || (error as Error).message || String(error)).trim().slice(-2000);
}
