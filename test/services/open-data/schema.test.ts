import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { openDataJsonSchema } from '../../../services/open-data/model';
import { ROOT } from '../../support/processes';

// The published JSON Schema (docs/open-data.schema.json) is generated from the zod schema the
// feed is checked against: this keeps the committed file the same as what the code serves.
// Regenerate it as README "Open data" says (the file is then formatted by Prettier).
test('docs/open-data.schema.json is the schema generated from services/open-data/model.ts', () => {
  const committed = JSON.parse(
    readFileSync(path.join(ROOT, 'docs/open-data.schema.json'), 'utf8'),
  ) as unknown;
  expect(committed).toEqual(openDataJsonSchema());
});

test('the schema is valid draft-07 and closed: an unknown field (an email, say) fails it', () => {
  const ajv = new Ajv({ allErrors: true });
  ajv.addSchema(openDataJsonSchema(), 'open-data');
  const target = {
    id: 'A.1/1',
    piCodes: [],
    kind: 'target',
    text: 'Attendance',
    unit: 'percent',
    per: null,
    polarity: 'up',
    baseline: null,
    interim: null,
    final: { label: null, text: '95%' },
    due: null,
    latestConfirmed: null,
    ragReason: null,
  };
  const plan = {
    format: 'golden-thread-open-data/1',
    plan: {
      id: 'p',
      title: 'Plan',
      organisation: 'Cyngor Sir Ynys Môn',
      period: { label: '2026–2028', start: null, end: null },
      status: 'adopted',
      version: 1,
      links: { html: '/open-data/plans/p', json: '/open-data/plans/p.json', csv: '/open-data/plans/p.csv' },
    },
    owners: 'none',
    figuresAsOf: null,
    aims: [
      {
        id: 'a',
        code: null,
        title: 'Aim',
        description: null,
        priorities: [{ id: 'A.1', code: 'A.1', title: 'P', targets: [target] }],
      },
    ],
  };
  expect(ajv.validate('open-data', plan)).toBe(true);
  const leaky = structuredClone(plan);
  (leaky.aims[0]?.priorities[0]?.targets[0] as Record<string, unknown>).ownerEmail = 'sian@ynysmon.gov.uk';
  expect(ajv.validate('open-data', leaky)).toBe(false);
  expect(ajv.validate('open-data#/definitions/planList', { format: plan.format, plans: [plan.plan] })).toBe(
    true,
  );
});
