import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { RAGS } from '../../models';
import { parseQuestions } from '../consultation/questions';
import { parseYaml } from '../plan-file/formats/structured';
import { PlanFileError, describePath, fromZod, type Problem } from '../plan-file/problems';
import { personSchema, type PlanFile } from '../plan-file/schema';

const email = z.string().trim().toLowerCase().pipe(z.email('expected an email address'));
const line = z.string().trim().min(1, 'must not be empty');

const demoUpdate = z
  .strictObject({
    target: line,
    value: z.number().finite().optional(),
    text: line.optional(),
    rag: z.enum(RAGS).optional(),
    commentary: line.optional(),
    evidence: line.optional(),
    overrideReason: line.optional(),
    /** What is being done about it; a Red update without one takes its commentary (see demo-cycles.ts). */
    correctiveAction: line.optional(),
    /** Who submits it: the target's owner when absent. */
    by: email.optional(),
  })
  .refine((u) => (u.value === undefined) !== (u.text === undefined), {
    message: 'give a value (a number) or a text, not both',
    path: ['value'],
  });

const demoCycle = z.strictObject({
  /** 0: the open cycle; -1, -2 …: closed, that many quarters before it. */
  quarter: z.number().int().min(-8).max(0),
  updates: z.array(demoUpdate).default([]),
  /** Targets in the cycle that were not reported. */
  outstanding: z.array(line).default([]),
});

const answer = z.union([z.string(), z.number(), z.array(z.string())]);

const demoConsultation = z.strictObject({
  title: line,
  summary: line,
  link: line.optional(),
  /** One question a line, as in the "new consultation" form. */
  questions: z.array(line).min(1),
  audience: line,
  nudgeDaysBefore: z.number().int().min(0).max(30).default(2),
  /** `by` and q1, q2 …: a choice's label (a list for multiple choice), a rating 1–5, or text. */
  answers: z.array(z.object({ by: email }).catchall(answer)).default([]),
});

const demoWorkshop = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,80}$/, 'use lower-case letters, digits and dashes'),
  title: line,
  description: line,
  /** London clock times (hh:mm) on the day the calendar gives it. */
  starts: z.string().regex(/^\d{1,2}:\d{2}$/, 'expected hh:mm'),
  ends: z.string().regex(/^\d{1,2}:\d{2}$/, 'expected hh:mm'),
  place: line.optional(),
  link: line.optional(),
  capacity: z.number().int().min(1),
  audience: line,
  replies: z.record(email, z.enum(['attend', 'decline', 'maybe'])).default({}),
});

export const DEMO_FORMAT = 'golden-thread-demo/1';

/** The demo overlay file (plans/demo/*.yaml): see the comments in plans/demo/leicester-demo.yaml. */
export const demoOverlaySchema = z.strictObject({
  format: z.literal(DEMO_FORMAT, { error: `expected format: ${DEMO_FORMAT}` }),
  /** The plan it dresses: a plan id. */
  plan: line,
  /** The policy-team member who opens and closes the cycles and sends the broadcasts. */
  by: email,
  /** The chat clients' people: the only ones whose future reminders are kept. */
  you: z.array(email).min(1),
  people: z.array(personSchema).min(1),
  /**
   * Plan files linked to the plan by `contributesTo` (a service plan, a team plan, individual
   * objectives): file names in plans/demo/ (or absolute paths), imported in this order after the
   * plan and the overlay's people, so each may link to the plans before it and name the overlay's
   * people. plans/demo/ and not the overlay's own folder: a test's copy of the overlay loads them too.
   */
  linkedPlans: z.array(line).default([]),
  /** By priority id (every target of it) or target id (over its priority's). */
  owners: z.record(line, z.strictObject({ owner: email, deputy: email.optional() })),
  cycles: z.array(demoCycle).default([]),
  consultation: demoConsultation.optional(),
  workshop: demoWorkshop.optional(),
});

export type DemoOverlay = z.infer<typeof demoOverlaySchema>;
export type DemoCycle = DemoOverlay['cycles'][number];
export type DemoUpdate = DemoCycle['updates'][number];

/** Reads and validates an overlay file; a PlanFileError lists every problem with where it is. */
export async function readDemoOverlay(file: string): Promise<DemoOverlay> {
  const name = path.basename(file);
  const parsed = parseYaml(await fs.readFile(file, 'utf8'));
  if (parsed.problems.length) throw new PlanFileError(name, parsed.problems);
  const result = demoOverlaySchema.safeParse(parsed.value, { reportInput: true });
  if (!result.success)
    throw new PlanFileError(
      name,
      fromZod(result.error, (p) => describePath(parsed.value, p) || 'file'),
    );
  return result.data;
}

/** Who owns what: the stored owner and deputy of each target (by target key), where it has one. */
export type Assignments = ReadonlyMap<string, { owner?: string; deputy?: string }>;

/**
 * The plan file with the overlay's owners and deputies on its targets, and its people who are not
 * in the database yet (`known`: those that are, kept as stored). A target keeps an owner or deputy
 * it already has in the database (`assigned`), so loading the demo again undoes no assignment.
 * Nothing else in the plan is touched. Every target must end up with both; every person, target
 * and choice the overlay names must exist — else a PlanFileError lists what is wrong.
 */
export function dressPlan(
  plan: PlanFile,
  overlay: DemoOverlay,
  known: ReadonlySet<string>,
  assigned: Assignments,
  file = 'leicester-demo.yaml',
): PlanFile {
  const problems: Problem[] = [];
  const people = new Set([...overlay.people.map((p) => p.id), ...known]);
  const targets = new Set(plan.priorities.flatMap((p) => p.targets.map((t) => t.id)));
  const priorities = new Set(plan.priorities.map((p) => p.id));
  const person = (where: string, id: string | undefined) => {
    if (id && !people.has(id)) problems.push({ where, message: `"${id}" is not in people` });
  };
  if (overlay.plan !== plan.plan.id)
    problems.push({ where: 'plan', message: `this overlay is for "${overlay.plan}", not "${plan.plan.id}"` });
  person('by', overlay.by);
  overlay.you.forEach((id, i) => person(`you ${i + 1}`, id));
  overlay.people.forEach((p) => person(`person ${p.id} › lineManager`, p.lineManager));
  for (const [key, who] of Object.entries(overlay.owners)) {
    if (!priorities.has(key) && !targets.has(key))
      problems.push({ where: `owners › ${key}`, message: 'is neither a priority nor a target of the plan' });
    person(`owners › ${key} › owner`, who.owner);
    person(`owners › ${key} › deputy`, who.deputy);
  }
  overlay.cycles.forEach((c, i) => {
    const where = `cycle ${i + 1} (quarter ${c.quarter})`;
    for (const t of [...c.updates.map((u) => u.target), ...c.outstanding])
      if (!targets.has(t)) problems.push({ where, message: `there is no target "${t}"` });
    c.updates.forEach((u) => person(`${where} › ${u.target} › by`, u.by));
  });
  if (overlay.consultation) checkAnswers(overlay.consultation, problems, person);
  if (overlay.workshop)
    Object.keys(overlay.workshop.replies).forEach((id) => person('workshop › replies', id));

  const dressed = structuredClone(plan);
  for (const priority of dressed.priorities)
    for (const target of priority.targets) {
      const wanted = overlay.owners[target.id] ?? overlay.owners[priority.id];
      const stored = assigned.get(target.id);
      target.owner = stored?.owner ?? wanted?.owner;
      target.deputy = stored?.deputy ?? wanted?.deputy;
      if (!target.owner || !target.deputy)
        problems.push({ where: `owners › ${target.id}`, message: 'this target needs an owner and a deputy' });
    }
  if (problems.length) throw new PlanFileError(file, problems);
  dressed.people = [...plan.people, ...overlay.people.filter((p) => !known.has(p.id))];
  return dressed;
}

function checkAnswers(
  c: NonNullable<DemoOverlay['consultation']>,
  problems: Problem[],
  person: (where: string, id: string | undefined) => void,
) {
  const parsed = parseQuestions(c.questions.join('\n'));
  if ('error' in parsed) {
    problems.push({ where: 'consultation › questions', message: parsed.error });
    return;
  }
  c.answers.forEach(({ by, ...given }) => {
    person('consultation › answers', by);
    try {
      rawAnswers(parsed.questions, given);
    } catch (error) {
      problems.push({ where: `consultation › answer by ${by}`, message: (error as Error).message });
    }
  });
}

type Question = { id: string; kind: string; options: string[] };

/** An answer as the overlay writes it (choices by label) into what a card sends (option numbers). */
export function rawAnswers(questions: Question[], given: Record<string, unknown>): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [id, value] of Object.entries(given)) {
    const q = questions.find((x) => x.id === id);
    if (!q) throw new Error(`there is no question ${id}`);
    if (q.kind !== 'single' && q.kind !== 'multiple') {
      raw[id] = String(value);
      continue;
    }
    const labels = (Array.isArray(value) ? value : [value]).map(String);
    raw[id] = labels
      .map((label) => {
        const n = q.options.indexOf(label);
        if (n < 0) throw new Error(`"${label}" is not a choice of ${id} (${q.options.join(', ')})`);
        return String(n);
      })
      .join(',');
  }
  return raw;
}
