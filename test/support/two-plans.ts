import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { importPlanFile } from '../../services/plan/import';
import { ROOT } from './processes';

/** A Leicester person (listed in Leicester's file) and a York one, with their chat accounts. */
export const LEICESTER_PERSON = {
  id: 'priya.patel@leicester.gov.uk',
  name: 'Priya Patel',
  department: 'Education',
  teamsId: '29:priya',
  slackId: 'UPRIYA',
};
export const YORK_PERSON = {
  id: 'yasmin.clarke@york.gov.uk',
  name: 'Yasmin Clarke',
  department: 'Learning',
  teamsId: '29:yasmin',
  slackId: 'UYASMIN',
};

/** York's ED.1, added for these tests: two councils' plans may print the same code. */
export const YORK_ED1_TITLE = 'Raise attainment at 16 across York schools.';

type PlanFile = Record<string, unknown> & { priorities: Record<string, unknown>[] };

/**
 * Two councils side by side, as the issue found them: the bundled Leicester plan and York plan,
 * each with one person of its own (so a person's plan is their organisation's; each owns an ED.1
 * target), York given a
 * priority coded ED.1 as Leicester has, and one reported figure in each (Leicester Red, York Amber)
 * so "what's off track?" spans both. Written to a temporary folder and imported as files are.
 */
export async function importTwoPlans(): Promise<void> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'two-plans-'));
  try {
    const read = async (file: string) =>
      parse(await readFile(path.join(ROOT, 'plans', file), 'utf8')) as PlanFile;
    const leicester = await read('leicester-2003.yaml');
    leicester.people = [{ ...LEICESTER_PERSON, roles: ['owner'] }];
    const ed1 = leicester.priorities.find((p) => p.id === 'ED.1') as { targets: Record<string, unknown>[] };
    if (ed1.targets[0]) ed1.targets[0].owner = LEICESTER_PERSON.id;
    leicester.updates = [
      {
        target: 'ED.1/1',
        value: 38,
        asOf: '2004-03-31',
        rag: 'red',
        commentary: 'Below the interim target.',
        by: LEICESTER_PERSON.id,
        at: '2004-04-10T10:00:00Z',
      },
    ];
    const york = await read('york-2009.yaml');
    york.priorities.push({
      id: 'ED.1',
      code: 'ED.1',
      aim: 'learning-city',
      title: YORK_ED1_TITLE,
      targets: [
        {
          id: 'ED.1/1',
          kind: 'target',
          text: 'To increase the percentage of pupils achieving 5 GCSEs at A*-C to 65% by 2012.',
          unit: 'percent',
          direction: 'up',
          baseline: { label: '2008/09', text: '58%', value: 58 },
          final: { label: '2012', text: '65%', value: 65 },
          owner: YORK_PERSON.id,
        },
      ],
    });
    york.people = [{ ...YORK_PERSON, roles: ['owner'] }];
    york.updates = [
      {
        target: 'ED.1/1',
        value: 59,
        asOf: '2010-03-31',
        rag: 'amber',
        commentary: 'Slower than planned.',
        by: YORK_PERSON.id,
        at: '2010-04-10T10:00:00Z',
      },
    ];
    for (const [name, plan] of [
      ['leicester.yaml', leicester],
      ['york.yaml', york],
    ] as const) {
      await writeFile(path.join(folder, name), stringify(plan));
      await importPlanFile(path.join(folder, name), 20 * 1024 * 1024, { by: 'test@test.gov.uk' });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
