import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'csv-parse/sync';
import { Plan } from '../../models';
import { importPlan } from '../../services/plan/import';
import { planFileSchema } from '../../services/plan-file/schema';
import { openDataPlan } from '../../services/open-data/build';
import { OPEN_DATA_CSV_COLUMNS } from '../../services/open-data/csv';
import {
  openDataPlanListSchema,
  openDataPlanSchema,
  type OpenDataPlan,
} from '../../services/open-data/model';
import { startTestBot } from '../support/bot-app';
import { useTestDatabase } from '../support/database';
import { ROOT } from '../support/processes';
import {
  JOB_TITLE,
  ORGANISATION,
  PLAN,
  SECRET,
  TITLE,
  loadWelshPlan,
  welshPlanFile,
} from '../services/open-data/fixture';

// Issue 14, item 4 (open data) over real HTTP: the JSON validates against the published schema,
// only confirmed figures appear, no personal data, ETag/304, HEAD, content types, Welsh names in
// JSON, CSV and HTML, and bad ids answered 400/404 without harm.
useTestDatabase();
let bot: Awaited<ReturnType<typeof startTestBot>>;
const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs/open-data.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true });
ajv.addSchema(schema, 'open-data');

beforeAll(async () => {
  await loadWelshPlan();
  bot = await startTestBot();
});
afterAll(() => bot.close());

const get = (url: string, headers: Record<string, string> = {}) => fetch(`${bot.base}${url}`, { headers });

/** A request sent exactly as written: fetch would tidy `../` and bad escapes away. */
function raw(target: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(bot.base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: target, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const everyForm = async () => {
  const [json, csv, html] = await Promise.all(
    ['.json', '.csv', ''].map(async (ext) => (await get(`/open-data/plans/${PLAN}${ext}`)).text()),
  );
  return { json: json as string, csv: csv as string, html: html as string };
};
const targetsOf = (data: OpenDataPlan) => data.aims.flatMap((a) => a.priorities.flatMap((p) => p.targets));

test('plans.json lists the plans with their links, valid against the published schema', async () => {
  const res = await get('/open-data/plans.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('public, max-age=300');
  const body = (await res.json()) as unknown;
  expect(ajv.validate('open-data#/definitions/planList', body)).toBe(true);
  expect(openDataPlanListSchema.parse(body).plans).toEqual([
    {
      id: PLAN,
      title: TITLE,
      organisation: ORGANISATION,
      period: { label: '2026–2028', start: '2026-04-01', end: '2028-03-31' },
      status: 'adopted',
      version: 1,
      links: {
        html: `/open-data/plans/${PLAN}`,
        json: `/open-data/plans/${PLAN}.json`,
        csv: `/open-data/plans/${PLAN}.csv`,
      },
    },
  ]);
});

test('the schema is served as documented in docs/open-data.schema.json', async () => {
  const res = await get('/open-data/schema.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/schema+json; charset=utf-8');
  expect(await res.json()).toEqual(schema);
});

test('a plan: valid against the schema, confirmed figures only, trends among confirmed figures', async () => {
  const res = await get(`/open-data/plans/${PLAN}.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await res.json()) as OpenDataPlan;
  expect(ajv.validate('open-data', body)).toBe(true);
  expect(ajv.errors ?? null).toBeNull();
  expect(openDataPlanSchema.safeParse(body).success).toBe(true);
  // One feed: what is served is what openDataPlan gives the performance report.
  expect(body).toEqual(JSON.parse(JSON.stringify(await openDataPlan(PLAN))));
  expect(body.plan.organisation).toBe(ORGANISATION);
  expect(body.owners).toBe('none');
  expect(body.figuresAsOf).toBe('2026-12-31');
  expect(body.aims.map((a) => [a.title, a.priorities.map((p) => [p.code, p.targets.length])])).toEqual([
    ['Addysg a sgiliau — Education and skills', [['AD.1', 2]]],
    ['Tai: cartrefi fforddiadwy i bobl Môn', [['TA.1', 0]]],
  ]);
  const [attendance, sickness] = targetsOf(body);
  // AD.1/1's latest is a provisional 61.5: the feed shows the older confirmed 92.5.
  expect(attendance?.latestConfirmed).toEqual({
    value: 92.5,
    text: '92.5%',
    asOf: '2026-09-30',
    rag: 'green',
    ragLabel: '● Green',
    trend: 'Trend: better than the last update (91% on 30 Jun 2026)',
  });
  expect(attendance?.ragReason).toMatch(/^Green: 92\.5% against .*; at or better than expected$/);
  expect(attendance?.baseline).toEqual({ label: '2025/26', text: '90%' });
  expect(attendance?.polarity).toBe('up');
  // AD.1/2: confirmed Q3 (7 days) against confirmed Q1 (8 days); the provisional Q2 between is skipped.
  expect(sickness?.latestConfirmed?.value).toBe(7);
  expect(sickness?.latestConfirmed?.trend).toBe('Trend: better than the last update (8 days on 30 Jun 2026)');
  expect(sickness).not.toHaveProperty('owner');
});

test('no provisional figure and no personal data in the JSON, the CSV or the page', async () => {
  const forms = await everyForm();
  for (const [form, text] of Object.entries(forms)) {
    for (const secret of [...SECRET.emails, ...SECRET.names, ...SECRET.provisional, ...SECRET.text])
      expect({ form, found: text.includes(secret) ? secret : undefined }).toEqual({ form, found: undefined });
    // An email address has a word character either side of its @ (the page's CSS has "@media").
    expect({ form, email: /\w@\w/.test(text) }).toEqual({ form, email: false });
  }
});

test('CSV: UTF-8 with a BOM, Welsh names round-trip, formula cells neutralised, every priority listed', async () => {
  const res = await get(`/open-data/plans/${PLAN}.csv`);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${PLAN}.csv"`);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(bytes.toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
  expect(Object.keys(rows[0] ?? {})).toEqual([...OPEN_DATA_CSV_COLUMNS]);
  expect(rows.map((r) => [r.organisation, r.aim_title, r.priority_code, r.target_id])).toEqual([
    [ORGANISATION, 'Addysg a sgiliau — Education and skills', 'AD.1', 'AD.1/1'],
    [ORGANISATION, 'Addysg a sgiliau — Education and skills', 'AD.1', 'AD.1/2'],
    [ORGANISATION, 'Tai: cartrefi fforddiadwy i bobl Môn', 'TA.1', ''],
  ]);
  expect(rows[0]).toMatchObject({
    confirmed_value: '92.5',
    confirmed_figure: '92.5%',
    as_of: '2026-09-30',
    rag: 'green',
  });
  expect(rows[1]?.target).toBe("'=2+2 diwrnod salwch staff (sickness days per FTE)");
  expect(rows[0]?.owner_job_title).toBe('');
});

test('the page: en-GB, Welsh names as written, a table per aim with a caption, RAG in words', async () => {
  const res = await get(`/open-data/plans/${PLAN}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  const html = await res.text();
  expect(html).toContain('<html lang="en-GB">');
  expect(html).toContain(`<h1>Cynllun y Cyngor 2026–2028: Môn a&#39;i phobl</h1>`.replace('&#39;', '’'));
  expect(html).toContain('<dd>Cyngor Sir Ynys Môn</dd>');
  expect(html.match(/<table/g)).toHaveLength(2);
  expect(html.match(/<caption>/g)).toHaveLength(2);
  expect(html).toContain('<th scope="col" role="columnheader">Latest confirmed figure</th>');
  expect(html).toContain('<span class="rag rag-green">● Green</span>');
  expect(html).not.toContain('<script');
});

test('ETag and Cache-Control; If-None-Match gets 304 with no body; a change moves the tag', async () => {
  const first = await get(`/open-data/plans/${PLAN}.json`);
  const etag = first.headers.get('etag') as string;
  expect(etag).toMatch(/^"[\w-]+-json"$/);
  expect(first.headers.get('cache-control')).toBe('public, max-age=300');
  const again = await get(`/open-data/plans/${PLAN}.json`, { 'if-none-match': etag });
  expect(again.status).toBe(304);
  expect(again.headers.get('etag')).toBe(etag);
  expect(again.headers.get('cache-control')).toBe('public, max-age=300');
  expect(await again.text()).toBe('');
  expect((await get(`/open-data/plans/${PLAN}.json`, { 'if-none-match': `W/${etag}, "other"` })).status).toBe(
    304,
  );
  // Each form has its own tag: the CSV's is not the JSON's.
  const csv = await get(`/open-data/plans/${PLAN}.csv`, { 'if-none-match': etag });
  expect(csv.status).toBe(200);
  const list = await get('/open-data/plans.json');
  expect(
    (await get('/open-data/plans.json', { 'if-none-match': list.headers.get('etag') as string })).status,
  ).toBe(304);

  await Plan.updateOne({ _id: PLAN }, { $inc: { revision: 1 } });
  const changed = await get(`/open-data/plans/${PLAN}.json`, { 'if-none-match': etag });
  expect(changed.status).toBe(200);
  expect(changed.headers.get('etag')).not.toBe(etag);
  expect(
    (await get('/open-data/plans.json', { 'if-none-match': list.headers.get('etag') as string })).status,
  ).toBe(200);
});

test('HEAD answers with the headers and length of a GET and no body', async () => {
  for (const url of [
    '/open-data/plans.json',
    `/open-data/plans/${PLAN}.json`,
    `/open-data/plans/${PLAN}.csv`,
    `/open-data/plans/${PLAN}`,
    '/open-data/schema.json',
  ]) {
    const got = await get(url);
    const length = Buffer.from(await got.arrayBuffer()).length;
    const head = await fetch(`${bot.base}${url}`, { method: 'HEAD' });
    expect({
      url,
      status: head.status,
      length: head.headers.get('content-length'),
      etag: head.headers.get('etag'),
    }).toEqual({
      url,
      status: 200,
      length: String(length),
      etag: got.headers.get('etag'),
    });
    expect(await head.text()).toBe('');
  }
});

test('an unknown plan is 404 and a bad id 400, each with a short body, and the server carries on', async () => {
  const missing = await get('/open-data/plans/no-such-plan.json');
  expect(missing.status).toBe(404);
  expect(missing.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(await missing.json()).toEqual({
    error: 'There is no plan "no-such-plan". The plans are listed at /open-data/plans.json.',
  });
  expect((await get('/open-data/plans/no-such-plan')).status).toBe(404);
  expect((await fetch(`${bot.base}/open-data/plans/no-such-plan.csv`, { method: 'HEAD' })).status).toBe(404);

  for (const target of [
    '/open-data/plans/..%2F..%2Fetc%2Fpasswd',
    '/open-data/plans/%00',
    `/open-data/plans/${PLAN}%00.json`,
    `/open-data/plans/${'a'.repeat(5000)}.json`,
    `/open-data/plans/${PLAN}.xml`,
    '/open-data/plans/Ynys-Mon',
    '/open-data/plans/%C3%B4n',
    '/open-data/plans/AD.1/extra',
  ]) {
    const { status, body } = await raw(target);
    expect({ target: target.slice(0, 60), status }).toEqual({ target: target.slice(0, 60), status: 400 });
    expect(body.length).toBeLessThan(200);
  }
  for (const target of [
    '/open-data/plans/../../etc/passwd',
    '/open-data/plans/',
    '/open-data/plans/%E0%A4%A',
    '/open-data/nothing',
  ]) {
    const { status, body } = await raw(target);
    expect({ target, status: [400, 404].includes(status) }).toEqual({ target, status: true });
    expect(body.length).toBeLessThan(200);
  }
  expect((await get('/healthz')).status).toBe(200);
});

test('with job titles switched on, owners appear as job titles only', async () => {
  await importPlan(planFileSchema.parse(welshPlanFile('jobTitle')), { by: 'policy@ynysmon.gov.uk' });
  const body = (await (await get(`/open-data/plans/${PLAN}.json`)).json()) as OpenDataPlan;
  expect(ajv.validate('open-data', body)).toBe(true);
  expect(body.owners).toBe('jobTitle');
  expect(targetsOf(body).map((t) => [t.id, t.owner])).toEqual([
    ['AD.1/1', JOB_TITLE],
    ['AD.1/2', null],
  ]);
  const forms = await everyForm();
  expect(forms.html).toContain(`<td role="cell" data-label="Owner">${JOB_TITLE}</td>`);
  expect(forms.csv).toContain(JOB_TITLE);
  for (const text of Object.values(forms))
    for (const secret of [...SECRET.emails, ...SECRET.names])
      expect(text.includes(secret) ? secret : '').toBe('');
});
