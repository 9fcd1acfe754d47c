import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { parse as parseYaml } from 'yaml';
import {
  FAKE_GUID,
  ZIP_NAME,
  buildPackage,
  bundledSchemaPath,
  fillPlaceholders,
  placeholderValues,
  readPng,
  teamsRuleErrors,
  validateTeamsManifest,
} from '../../scripts/package-teams';

// strip-bom 5 is ESM-only and jest 29 cannot require() ESM. @microsoft/app-manifest only uses it
// when reading manifest files itself, which these tests never ask it to do.
jest.mock(
  require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }),
  () => (text: string) => text.replace(/^\uFEFF/, ''),
);

const ROOT = path.join(__dirname, '..', '..');
const TEAMS_DIR = path.join(ROOT, 'manifest', 'teams');
const APP_ID = '11111111-2222-4333-8444-555555555555';
const BOT_ID = '66666666-7777-4888-9999-aaaaaaaaaaaa';
const ENV = { TEAMS_APP_ID: APP_ID, MicrosoftAppId: BOT_ID, APP_BASE_URL: 'https://plan.example.gov.uk/gt/' };
const EXAMPLE_COMMANDS = [
  'status of ED.1',
  "what's off track?",
  'anything about recycling?',
  'what are the strategic aims?',
  'my targets',
  'help',
];

type Json = ReturnType<typeof fillPlaceholders>;
type JsonObject = { [key: string]: Json };

function sourceManifest(): JsonObject {
  return JSON.parse(readFileSync(path.join(TEAMS_DIR, 'manifest.json'), 'utf8'));
}

function filledManifest(env: Record<string, string> = ENV): JsonObject {
  const { values, errors } = placeholderValues(env);
  expect(errors).toEqual([]);
  const missing = new Set<string>();
  const filled = fillPlaceholders(sourceManifest(), values, missing) as JsonObject;
  expect([...missing]).toEqual([]);
  return filled;
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'gt-manifest-'));
}

function runPackageScript(env: Record<string, string>) {
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/package-teams.ts'], {
    cwd: ROOT,
    env: { ...process.env, TEAMS_APP_ID: '', MicrosoftAppId: '', APP_BASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Pixels of an 8-bit RGBA PNG whose rows are unfiltered, which is how make-icons writes them. */
function rgbaPixels(bytes: Buffer): { width: number; pixels: Buffer[] } {
  const { width, height } = readPng(bytes);
  expect(bytes.readUInt8(24)).toBe(8); // bit depth
  expect(bytes.readUInt8(25)).toBe(6); // RGBA
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('ascii', at + 4, at + 8) === 'IDAT')
      idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    expect(raw[row]).toBe(0);
    for (let x = 0; x < width; x++) pixels.push(raw.subarray(row + 1 + x * 4, row + 5 + x * 4));
  }
  return { width, pixels };
}

describe('Teams manifest', () => {
  const realFetch = globalThis.fetch;
  const fetchSpy = jest.fn(() => Promise.reject(new Error('no network in tests')));

  beforeAll(() => {
    globalThis.fetch = fetchSpy;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('is on a current schema that @microsoft/app-manifest bundles', () => {
    const { manifestVersion, $schema } = sourceManifest();
    expect(typeof manifestVersion).toBe('string');
    const [major, minor] = String(manifestVersion).split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(17);
    expect(existsSync(bundledSchemaPath(String(manifestVersion)))).toBe(true);
    expect($schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates offline once its placeholders are filled', async () => {
    const manifest = filledManifest();
    expect(await validateTeamsManifest(manifest)).toEqual([]);
    expect(teamsRuleErrors(manifest)).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.developer).toMatchObject({
      name: 'Golden Thread',
      websiteUrl: 'https://plan.example.gov.uk/gt',
      privacyUrl: 'https://plan.example.gov.uk/gt/privacy',
      termsOfUseUrl: 'https://plan.example.gov.uk/gt/terms',
    });
    expect(manifest.validDomains).toEqual(['plan.example.gov.uk']);
  });

  it('reports a broken copy as invalid, so the check above can fail', async () => {
    const { name: _name, ...withoutName } = filledManifest();
    const errors = await validateTeamsManifest(withoutName);
    expect(errors.some((e) => e.includes("required property 'name'"))).toBe(true);

    const badBot = filledManifest();
    (badBot.bots as JsonObject[])[0] = { ...(badBot.bots as JsonObject[])[0], botId: 'not-a-guid' };
    expect((await validateTeamsManifest(badBot)).some((e) => e.includes('/bots/0/botId'))).toBe(true);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('keeps the ids as placeholders in the source, filled with a fake GUID when unset', () => {
    const source = sourceManifest();
    expect(source.id).toBe('${{TEAMS_APP_ID}}');
    const { values, warnings } = placeholderValues({});
    expect(values.TEAMS_APP_ID).toBe(FAKE_GUID);
    expect(values.BOT_ID).toBe(FAKE_GUID);
    const said = warnings.join('\n');
    expect(said.indexOf('MicrosoftAppId is not set')).toBeGreaterThan(
      said.indexOf('TEAMS_APP_ID is not set'),
    );
    expect(said).toContain('TEAMS_APP_ID is not set');
    expect(placeholderValues({ TEAMS_APP_ID: 'abc' }).errors).toEqual([
      `TEAMS_APP_ID must be a GUID such as ${FAKE_GUID} (got "abc")`,
    ]);
    expect(placeholderValues({ APP_BASE_URL: 'http://plan.example' }).errors[0]).toMatch(/https/);
    expect(placeholderValues({ APP_BASE_URL: ' https://plan.example/gt/// ' }).values.APP_BASE_URL).toBe(
      'https://plan.example/gt',
    );
    const missing = new Set<string>();
    fillPlaceholders({ x: '${{NOPE}}' }, values, missing);
    expect([...missing]).toEqual(['NOPE']);
  });

  it('lists the example commands for each scope and one bot behind the message extension', () => {
    const manifest = filledManifest();
    const [bot] = manifest.bots as JsonObject[];
    expect(bot).toMatchObject({ botId: BOT_ID, supportsFiles: false });
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    const lists = bot?.commandLists as {
      scopes: string[];
      commands: { title: string; description: string }[];
    }[];
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['team'], ['groupChat']]);
    for (const list of lists) {
      expect(list.commands.map((c) => c.title)).toEqual(EXAMPLE_COMMANDS);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    expect(manifest.composeExtensions).toEqual([
      expect.objectContaining({
        botId: BOT_ID,
        commands: [
          expect.objectContaining({
            id: 'searchPlan',
            type: 'query',
            title: 'Search the plan',
            initialRun: true,
            parameters: [expect.objectContaining({ name: 'query' })],
          }),
        ],
      }),
    ]);
    expect(manifest.name).toEqual({
      short: 'Golden Thread',
      full: 'Golden Thread — the corporate plan in chat',
    });
  });

  it('rejects command titles Teams would cut short', () => {
    const manifest = filledManifest();
    const lists = (manifest.bots as JsonObject[])[0]?.commandLists as { commands: { title: string }[] }[];
    lists[0]!.commands[0]!.title = 'x'.repeat(33);
    expect(teamsRuleErrors(manifest)).toEqual([expect.stringContaining('over 32 characters')]);
  });
});

describe('Teams icons', () => {
  it('are 192×192 colour and 32×32 outline PNGs', () => {
    expect(readPng(readFileSync(path.join(TEAMS_DIR, 'color.png')))).toMatchObject({
      width: 192,
      height: 192,
    });
    expect(readPng(readFileSync(path.join(TEAMS_DIR, 'outline.png')))).toMatchObject({
      width: 32,
      height: 32,
      hasAlpha: true,
    });
  });

  it('has an opaque colour icon and a white-on-transparent outline', () => {
    const color = rgbaPixels(readFileSync(path.join(TEAMS_DIR, 'color.png')));
    expect(color.pixels.every((p) => p[3] === 255)).toBe(true);

    const outline = rgbaPixels(readFileSync(path.join(TEAMS_DIR, 'outline.png')));
    const drawn = outline.pixels.filter((p) => p[3] !== 0);
    expect(drawn.length).toBeGreaterThan(100);
    expect(drawn.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
    expect(outline.pixels[0]?.[3]).toBe(0); // the corner is background
  });

  it('rejects bytes that are not a PNG', () => {
    expect(() => readPng(Buffer.from('GIF89a not a png at all, not at all'))).toThrow('not a PNG');
  });
});

describe('npm run package', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a zip of exactly manifest.json and the two icons, ids filled in', () => {
    const run = runPackageScript({ ...ENV, PACKAGE_OUT_DIR: dir });
    expect(run.stderr).not.toMatch(/warning/);
    expect(run.status).toBe(0);
    const zip = new AdmZip(path.join(dir, ZIP_NAME));
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = zip.readAsText('manifest.json');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0].botId).toBe(BOT_ID);
    expect(zip.readFile('outline.png')).toEqual(readFileSync(path.join(TEAMS_DIR, 'outline.png')));
  });

  it('packages with the fake GUID and warns when the ids are unset', () => {
    const run = runPackageScript({ PACKAGE_OUT_DIR: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`TEAMS_APP_ID is not set: packaging with the fake id ${FAKE_GUID}`);
    expect(run.stderr).toContain('MicrosoftAppId is not set');
    const manifest = JSON.parse(new AdmZip(path.join(dir, ZIP_NAME)).readAsText('manifest.json'));
    expect(manifest.id).toBe(FAKE_GUID);
    expect(manifest.bots[0].botId).toBe(FAKE_GUID);
  });

  it('refuses to write the zip, listing every problem, when the manifest is invalid', () => {
    const source = path.join(dir, 'source');
    const out = path.join(dir, 'out');
    cpSync(TEAMS_DIR, source, { recursive: true });
    const { name: _name, accentColor: _accent, ...broken } = sourceManifest();
    writeFileSync(path.join(source, 'manifest.json'), JSON.stringify(broken));
    cpSync(path.join(TEAMS_DIR, 'color.png'), path.join(source, 'outline.png')); // wrong size
    // A zip from an earlier run must not survive to be mistaken for this one's.
    runPackageScript({ ...ENV, PACKAGE_OUT_DIR: out });
    expect(existsSync(path.join(out, ZIP_NAME))).toBe(true);

    const run = runPackageScript({ ...ENV, PACKAGE_OUT_DIR: out, TEAMS_MANIFEST_DIR: source });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`Refusing to write`);
    expect(run.stderr).toContain("required property 'name'");
    expect(run.stderr).toContain("required property 'accentColor'");
    expect(run.stderr).toContain('outline.png is 192×192, Teams needs 32×32');
    expect(existsSync(path.join(out, ZIP_NAME))).toBe(false);
  });

  it('refuses an app id that is not a GUID', async () => {
    const result = await buildPackage({
      sourceDir: TEAMS_DIR,
      outDir: dir,
      env: { ...ENV, TEAMS_APP_ID: 'golden-thread' },
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      `TEAMS_APP_ID must be a GUID such as ${FAKE_GUID} (got "golden-thread")`,
    ]);
    expect(existsSync(path.join(dir, ZIP_NAME))).toBe(false);
  });
});

describe('Slack manifest', () => {
  interface SlackManifest {
    display_information: { name: string; description: string; long_description: string };
    features: {
      bot_user: { display_name: string; always_online: boolean };
      app_home: { messages_tab_enabled: boolean };
      slash_commands: { command: string; url: string; usage_hint: string }[];
    };
    oauth_config: { scopes: { bot: string[] } };
    settings: {
      event_subscriptions: { request_url: string; bot_events: string[] };
      interactivity: { is_enabled: boolean; request_url: string };
      socket_mode_enabled: boolean;
      org_deploy_enabled: boolean;
      token_rotation_enabled: boolean;
    };
  }
  const slack: SlackManifest = parseYaml(
    readFileSync(path.join(ROOT, 'manifest', 'slack', 'manifest.yaml'), 'utf8'),
  );

  it('sends the slash command, events and interactivity to /slack/events', () => {
    const [plan, ...others] = slack.features.slash_commands;
    expect(others).toEqual([]);
    expect(plan).toMatchObject({ command: '/plan' });
    expect(plan?.usage_hint).toBeTruthy();
    const urls = [
      plan?.url,
      slack.settings.event_subscriptions.request_url,
      slack.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(slack.settings.interactivity.is_enabled).toBe(true);
    expect(slack.settings.event_subscriptions.bot_events.sort()).toEqual(['app_mention', 'message.im']);
  });

  it('asks for the bot scopes the bot uses, and is an always-online HTTP app with a messages tab', () => {
    expect([...slack.oauth_config.scopes.bot].sort()).toEqual(
      [
        'app_mentions:read',
        'chat:write',
        'commands',
        'im:history',
        'im:read',
        'im:write',
        'users:read',
        'users:read.email',
        'channels:read',
        'groups:read',
        'mpim:read',
      ].sort(),
    );
    expect(slack.features.bot_user).toEqual({ display_name: 'Golden Thread', always_online: true });
    expect(slack.features.app_home.messages_tab_enabled).toBe(true);
    expect(slack.settings).toMatchObject({
      socket_mode_enabled: false,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    });
  });

  it('keeps the descriptions within the lengths Slack accepts', () => {
    expect(slack.display_information.name).toBe('Golden Thread');
    expect(slack.display_information.description.length).toBeLessThanOrEqual(140);
    expect(slack.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(slack.display_information.long_description.length).toBeLessThanOrEqual(4000);
  });
});
