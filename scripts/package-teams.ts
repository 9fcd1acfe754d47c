/**
 * `npm run package`: builds dist/golden-thread-teams.zip, the file an admin uploads to Teams.
 *
 * The source manifest (manifest/teams/manifest.json) holds ${{NAME}} placeholders so that one file
 * serves every tenant; they are filled from the environment (or .env) here. The filled manifest is
 * validated offline against the JSON schema bundled in @microsoft/app-manifest, plus the Teams rules
 * the schema does not express, and nothing is written unless every check passes.
 *
 * Environment: TEAMS_APP_ID, MicrosoftAppId (the bot's id), APP_BASE_URL, and for tests
 * TEAMS_MANIFEST_DIR (source folder) and PACKAGE_OUT_DIR (where the zip goes).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { config as loadDotenv } from 'dotenv';

export const ZIP_NAME = 'golden-thread-teams.zip';
export const FAKE_GUID = '00000000-0000-0000-0000-000000000000';
export const DEFAULT_BASE_URL = 'https://example.org/golden-thread';

const ROOT = path.join(__dirname, '..');
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const KNOWN_PLACEHOLDERS = new Set(['TEAMS_APP_ID', 'BOT_ID', 'APP_BASE_URL', 'APP_DOMAIN', 'APP_VERSION']);
// Teams truncates or rejects longer bot command text, although the schema allows 128 / 4000.
const MAX_COMMAND_TITLE = 32;
const MAX_COMMAND_DESCRIPTION = 128;
const ICON_SIZES = { color: 192, outline: 32 } as const;

type Env = Record<string, string | undefined>;
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type SchemaFor = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

export interface Placeholders {
  values: Record<string, string>;
  warnings: string[];
  errors: string[];
}

/** The values for each placeholder, with a fake GUID (and a warning) where an id is not configured. */
export function placeholderValues(env: Env): Placeholders {
  const values: Record<string, string> = {};
  const warnings: string[] = [];
  const errors: string[] = [];

  for (const [placeholder, variable] of [
    ['TEAMS_APP_ID', 'TEAMS_APP_ID'],
    ['BOT_ID', 'MicrosoftAppId'],
  ] as const) {
    const value = env[variable]?.trim();
    if (!value) {
      warnings.push(`${variable} is not set: packaging with the fake id ${FAKE_GUID}, for local trials only`);
      values[placeholder] = FAKE_GUID;
    } else if (!GUID.test(value)) {
      errors.push(`${variable} must be a GUID such as ${FAKE_GUID} (got "${value}")`);
    } else {
      values[placeholder] = value;
    }
  }

  const base = withoutTrailingSlashes(env.APP_BASE_URL?.trim() || DEFAULT_BASE_URL);
  if (!env.APP_BASE_URL?.trim()) warnings.push(`APP_BASE_URL is not set: using ${DEFAULT_BASE_URL}`);
  let url: URL | undefined;
  try {
    url = new URL(base);
  } catch {
    url = undefined;
  }
  if (url?.protocol !== 'https:') {
    errors.push(`APP_BASE_URL must be an https:// address (got "${base}")`);
  } else {
    values.APP_BASE_URL = base;
    values.APP_DOMAIN = url.hostname;
  }

  values.APP_VERSION = appVersion();
  return { values, warnings, errors };
}

// A loop rather than `/\/+$/`, which retries from every slash of a long run of them.
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url.charAt(end - 1) === '/') end--;
  return url.slice(0, end);
}

// Teams will not take an updated package unless the version rises, so it follows package.json.
function appVersion(): string {
  const pkg: { version?: unknown } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

/**
 * Fills placeholders inside the parsed JSON's strings, so a value can never break the JSON around
 * it. Placeholders without a value are reported rather than left in the package.
 */
export function fillPlaceholders(
  value: JsonValue,
  values: Record<string, string>,
  missing: Set<string> = new Set(),
): JsonValue {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (token, name: string) => {
      const filled = values[name];
      if (filled === undefined) missing.add(name);
      return filled ?? token;
    });
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, values, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values, missing)]),
    );
  }
  return value;
}

/** The bundled schema file for a manifest version (whether or not it exists). */
export function bundledSchemaPath(manifestVersion: string): string {
  const packageMain = require.resolve('@microsoft/app-manifest');
  return path.join(
    path.dirname(packageMain),
    'json-schemas',
    'teams',
    `v${manifestVersion}`,
    'MicrosoftTeams.schema.json',
  );
}

/**
 * Schema errors for a Teams manifest. The schema is read from the package and handed to the
 * validator, which otherwise falls back to downloading it from the manifest's $schema address.
 */
export async function validateTeamsManifest(manifest: unknown): Promise<string[]> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return ['the manifest is not a JSON object'];
  }
  const { manifestVersion, $schema } = manifest as { manifestVersion?: unknown; $schema?: unknown };
  if (typeof manifestVersion !== 'string') return ['manifestVersion is missing'];
  const schemaFile = bundledSchemaPath(manifestVersion);
  if (!existsSync(schemaFile)) {
    return [`manifestVersion ${manifestVersion} has no schema bundled in @microsoft/app-manifest`];
  }
  const errors: string[] = [];
  if (typeof $schema === 'string' && !$schema.includes(`/v${manifestVersion}/`)) {
    errors.push(`$schema (${$schema}) is not the schema of manifestVersion ${manifestVersion}`);
  }
  // The package applies the same clean-up: some published schemas contain \a and \v escapes JSON forbids.
  const text = readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema: SchemaFor = JSON.parse(text);
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
  return [...errors, ...schemaErrors.map((e) => `schema: ${e.trim().replace(/^must/, '(top level) must')}`)];
}

interface ManifestShape {
  icons?: { color?: unknown; outline?: unknown };
  bots?: unknown;
  composeExtensions?: unknown;
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    : [];
}

/** Teams rules the schema is laxer about: command text lengths and one bot behind everything. */
export function teamsRuleErrors(manifest: ManifestShape): string[] {
  const errors: string[] = [];
  const bots = records(manifest.bots);
  bots.forEach((bot, b) =>
    records(bot.commandLists).forEach((list, l) =>
      records(list.commands).forEach((command, c) => {
        const where = `bots[${b}].commandLists[${l}].commands[${c}]`;
        if (typeof command.title === 'string' && command.title.length > MAX_COMMAND_TITLE) {
          errors.push(`${where}.title is over ${MAX_COMMAND_TITLE} characters: "${command.title}"`);
        }
        if (typeof command.description === 'string' && command.description.length > MAX_COMMAND_DESCRIPTION) {
          errors.push(`${where}.description is over ${MAX_COMMAND_DESCRIPTION} characters`);
        }
      }),
    ),
  );
  const botId = bots[0]?.botId;
  records(manifest.composeExtensions).forEach((extension, e) => {
    if (extension.botId !== botId) {
      errors.push(`composeExtensions[${e}].botId must be the bot's id (bots[0].botId)`);
    }
  });
  return errors;
}

export interface PngInfo {
  width: number;
  height: number;
  hasAlpha: boolean;
}

/** Size and transparency of a PNG, from its IHDR (and a tRNS chunk, for palette images). */
export function readPng(bytes: Buffer): PngInfo {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG file');
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG has no IHDR chunk first');
  const colourType = bytes.readUInt8(25);
  let hasTrns = false;
  for (let at = 8; at + 8 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('ascii', at + 4, at + 8);
    if (type === 'tRNS') hasTrns = true;
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + length;
  }
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    hasAlpha: colourType === 4 || colourType === 6 || hasTrns,
  };
}

/** Checks both icons and returns their bytes keyed by the path the manifest gives them. */
function loadIcons(manifest: ManifestShape, sourceDir: string, errors: string[]): Map<string, Buffer> {
  const icons = new Map<string, Buffer>();
  for (const kind of ['color', 'outline'] as const) {
    const name = manifest.icons?.[kind];
    if (typeof name !== 'string') continue; // the schema reports it
    const size = ICON_SIZES[kind];
    const file = path.join(sourceDir, name);
    if (!existsSync(file)) {
      errors.push(`icons.${kind}: ${name} does not exist in ${sourceDir}`);
      continue;
    }
    const bytes = readFileSync(file);
    try {
      const png = readPng(bytes);
      if (png.width !== size || png.height !== size) {
        errors.push(`icons.${kind}: ${name} is ${png.width}×${png.height}, Teams needs ${size}×${size}`);
      }
      if (kind === 'outline' && !png.hasAlpha) {
        errors.push(`icons.outline: ${name} has no transparency; Teams needs white on transparent`);
      }
    } catch (error) {
      errors.push(`icons.${kind}: ${name} is unreadable (${(error as Error).message})`);
    }
    icons.set(name, bytes);
  }
  return icons;
}

export interface PackageOptions {
  sourceDir: string;
  outDir: string;
  env: Env;
}

export type PackageResult =
  | { ok: true; zipPath: string; manifest: JsonValue; warnings: string[] }
  | { ok: false; zipPath: string; errors: string[]; warnings: string[] };

export async function buildPackage({ sourceDir, outDir, env }: PackageOptions): Promise<PackageResult> {
  const zipPath = path.join(outDir, ZIP_NAME);
  const { values, warnings, errors } = placeholderValues(env);

  let source: JsonValue = {};
  try {
    source = JSON.parse(readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8'));
  } catch (error) {
    errors.push(`manifest.json: ${(error as Error).message}`);
  }
  const missing = new Set<string>();
  const manifest = fillPlaceholders(source, values, missing);
  for (const name of missing) {
    // A known one is only missing when its variable was refused, which is reported already.
    if (!KNOWN_PLACEHOLDERS.has(name)) errors.push(`manifest.json: unknown placeholder \${{${name}}}`);
  }
  if (errors.length === 0) errors.push(...(await validateTeamsManifest(manifest)));
  const shape = (manifest ?? {}) as ManifestShape;
  errors.push(...teamsRuleErrors(shape));
  const icons = loadIcons(shape, sourceDir, errors);

  if (errors.length > 0) {
    // A zip left from an earlier run would look like the output of this one.
    rmSync(zipPath, { force: true });
    return { ok: false, zipPath, errors, warnings };
  }

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const [name, bytes] of icons) zip.addFile(name, bytes);
  mkdirSync(outDir, { recursive: true });
  // Written aside then renamed, so an interrupted run never leaves half a zip under the real name.
  writeFileSync(`${zipPath}.partial`, zip.toBuffer());
  renameSync(`${zipPath}.partial`, zipPath);
  return { ok: true, zipPath, manifest, warnings };
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const result = await buildPackage({
    sourceDir: path.resolve(process.env.TEAMS_MANIFEST_DIR ?? path.join(ROOT, 'manifest', 'teams')),
    outDir: path.resolve(process.env.PACKAGE_OUT_DIR ?? path.join(ROOT, 'dist')),
    env: process.env,
  });
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  const shown = path.relative(process.cwd(), result.zipPath) || result.zipPath;
  if (!result.ok) {
    console.error(`Refusing to write ${shown}: ${result.errors.length} problem(s)`);
    for (const error of result.errors) console.error(`  - ${error}`);
    process.exitCode = 1;
    return;
  }
  console.log(`wrote ${shown}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
