import { z } from 'zod';
import { email, finite, isoDate, key, line, list, oneOf, slug, text } from './cells';
import { CHANGE_HELP, RANGE_HELP, parseChange, parseRange } from '../measure/meaning';
import {
  CHANNELS,
  DIRECTIONS,
  ITEM_STATUSES,
  FREQUENCIES,
  PLAN_STATUSES,
  RAGS,
  ROLES,
  TARGET_KINDS,
  UNITS,
} from '../../models';
import { OPEN_DATA_OWNERS, PLAN_KINDS } from '../../models/plan';
import { REFERENCE_HELP, readReference } from '../plan/links';
import { riskMatrixSchema, riskSchema } from '../risk/schema';
import { MAX_STEPS, STEP_NAME_MAX, WHO_HELP, readWho, splitStep, whoText } from '../sign-off/chain';

// An update's id may hold ':' too: one submitted in chat is "<cycle>:<target>:<hash>"
// (services/target-update/submit.ts), and an export must be importable as it stands.
const updateId = text.pipe(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/:-]*$/, 'use letters, digits and . _ / : - (no spaces)'),
);

export const measureSchema = z
  .strictObject({
    label: text.optional(),
    text: line,
    value: finite.optional(),
    change: text.refine((c) => parseChange(c) !== undefined, CHANGE_HELP).optional(),
    range: text.refine((r) => parseRange(r) !== undefined, RANGE_HELP).optional(),
  })
  .refine((m) => [m.value, m.change, m.range].filter((x) => x !== undefined).length <= 1, {
    message: 'give one of value, change or range: a figure means one thing',
    path: ['value'],
  });

/** "2026-12-31: 46" in a spreadsheet cell; { asOf, value } in YAML and JSON. */
const profilePoint = z.preprocess(
  (point) => {
    if (typeof point !== 'string') return point;
    const [asOf = '', value = ''] = point.split(':').map((part) => part.trim());
    return { asOf, value: value === '' || Number.isNaN(Number(value)) ? value : Number(value) };
  },
  z.strictObject(
    { asOf: isoDate, value: finite },
    { error: 'expected a date and a value, such as 2026-12-31: 46' },
  ),
);
/**
 * An item of this or another plan (services/plan/links.ts): "leicester-2003:ED.1", or "ED.1" for
 * this plan; one a line in a spreadsheet cell.
 */
export const reference = text.pipe(
  z
    .string()
    .trim()
    .refine((r) => readReference(r) !== undefined, REFERENCE_HELP),
);
/** What an aim, priority or target contributes to: items of this or other plans. */
const contributesTo = z.array(reference).default([]);
const itemStatus = {
  /** `open` when left out; a `deleted` item is kept, shown as deleted and not asked for in cycles. */
  status: oneOf(ITEM_STATUSES).optional(),
  /** Why it was completed or deleted. */
  statusNote: line.optional(),
};

const percent = finite
  .min(0, 'expected a percentage of 0 or more, such as 5')
  .max(100, 'expected a percentage up to 100');

export const targetSchema = z.strictObject({
  id: key,
  kind: oneOf(TARGET_KINDS).default('target'),
  text: line,
  piCodes: list,
  unit: oneOf(UNITS).optional(),
  per: finite.positive('expected a positive number, such as 1000 for "per 1,000"').optional(),
  direction: oneOf(DIRECTIONS).optional(),
  frequency: oneOf(FREQUENCIES).optional(),
  baseline: measureSchema.optional(),
  interim: measureSchema.optional(),
  final: measureSchema.optional(),
  due: isoDate.optional(),
  profile: z
    .array(profilePoint)
    .refine(
      (points) => points.every((p, i) => i === 0 || (points[i - 1]?.asOf ?? '') < p.asOf),
      'list the dates in order, each once',
    )
    .optional(),
  tolerance: percent.optional(),
  numerator: line.optional(),
  denominator: line.optional(),
  dataQuality: line.optional(),
  source: line.optional(),
  owner: email.optional(),
  deputy: email.optional(),
  /** The plan level it sits at (a name in plan.levels), when deeper than the first target level. */
  level: line.optional(),
  /** The key of the target of the same priority one level up (services/plan/links.ts checks it). */
  parent: key.optional(),
  contributesTo,
  ...itemStatus,
});

export const prioritySchema = z.strictObject({
  id: key,
  code: line.optional(),
  aliases: list,
  aim: slug,
  title: line,
  how: list,
  supportedBy: list,
  benefits: list,
  contributesTo,
  ...itemStatus,
  targets: z.array(targetSchema).default([]),
});

export const aimSchema = z.strictObject({
  id: slug,
  code: line.optional(),
  title: line,
  description: line.optional(),
  aliases: list,
  contributesTo,
});

export const personSchema = z.strictObject({
  id: email,
  name: line,
  department: line.optional(),
  roles: z.array(oneOf(ROLES)).default(['staff']),
  lineManager: email.optional(),
  teamsId: line.optional(),
  slackId: line.optional(),
  /** On leave until this date (inclusive), as recorded in chat ("I'm away until …"). */
  awayUntil: isoDate.optional(),
  /** "Head of Education": shown in open data for the targets they own, when the plan says so. */
  jobTitle: line.optional(),
});

export const updateSchema = z
  .strictObject({
    id: updateId.optional(),
    target: key,
    value: finite.optional(),
    text: line.optional(),
    asOf: isoDate,
    rag: oneOf(RAGS).optional(),
    commentary: line.optional(),
    evidence: text
      .pipe(z.url({ protocol: /^https?$/, error: 'expected a web address starting https://' }))
      .optional(),
    by: email.optional(),
    at: text.pipe(
      z.iso.datetime({ offset: true, error: 'expected a date and time such as 2026-10-03T09:12:00Z' }),
    ),
    channel: oneOf(CHANNELS).default('import'),
    /** The monitoring cycle it answered (a cycles[].id), when it came through one. */
    cycle: slug.optional(),
    /** The RAG the bot suggested, and why the person chose another. */
    suggestedRag: oneOf(RAGS).optional(),
    overrideReason: line.optional(),
    /** What is being done to bring an Amber or Red target back on track. */
    correctiveAction: line.optional(),
    /**
     * Where the update stands in the plan's sign-off chain when it is not confirmed: `provisional`
     * (awaiting sign-off) or `returned` (sent back to its owner). Left out: confirmed.
     */
    status: oneOf(['provisional', 'returned'] as const).optional(),
  })
  .refine((u) => u.value !== undefined || u.text !== undefined, {
    message: 'an update needs a value or a text',
    path: ['value'],
  });

/**
 * One step of a plan's sign-off chain: { step, who } in YAML and JSON, "step: who" in a
 * spreadsheet cell (one step a line). `who` is written back in one spelling (services/sign-off/chain.ts).
 */
const signOffStep = z.preprocess(
  (s) => (typeof s === 'string' ? (splitStep(s) ?? s) : s),
  z.strictObject(
    {
      step: line.pipe(z.string().max(STEP_NAME_MAX, `keep a step's name under ${STEP_NAME_MAX} characters`)),
      who: text.transform((who, ctx) => {
        const read = readWho(who);
        if ('problem' in read) {
          ctx.addIssue({ code: 'custom', message: read.problem });
          return z.NEVER;
        }
        return whoText(read);
      }),
    },
    {
      error: `expected a step and who signs it off, such as "Head of service approves: lineManager" (${WHO_HELP})`,
    },
  ),
);

export const planSchema = z.strictObject({
  id: slug,
  title: line,
  organisation: line,
  strapline: line.optional(),
  period: z.strictObject({ label: line, start: isoDate.optional(), end: isoDate.optional() }),
  status: oneOf(PLAN_STATUSES),
  version: z.number({ error: 'expected a whole number' }).int('expected a whole number').min(1),
  source: line.optional(),
  purpose: line.optional(),
  vocabulary: z
    .strictObject({ aim: line.optional(), priority: line.optional(), target: line.optional() })
    .optional(),
  /**
   * The plan's levels from the top, in its own words, at least two: level 1 names the aims, 2 the
   * priorities, 3 and below the targets. Left out: the vocabulary's (or Aim, Priority, Target).
   */
  levels: z
    .array(line)
    .min(2, 'name at least two levels, from the top (such as Priority, Improvement plan item)')
    .refine(
      (names) => new Set(names.map((n) => n.toLowerCase())).size === names.length,
      'give each level its own name',
    )
    .optional(),
  /** corporate (left out), service, team or individual (a person's objectives). */
  kind: oneOf(PLAN_KINDS).optional(),
  /** The department a service or team plan belongs to, as people's `department` names it. */
  team: line.optional(),
  /** The work email of the person whose objectives an individual plan holds. */
  person: email.optional(),
  /** Leeds' "big ideas": each brings aims and priorities of this plan (their ids) together. */
  crossCutting: z
    .array(
      z.strictObject({
        id: key,
        title: line,
        description: line.optional(),
        items: z.array(key).min(1, 'list the aims or priorities it brings together'),
      }),
    )
    .default([]),
  tolerance: percent.optional(),
  values: z.array(z.strictObject({ name: line, description: line.optional() })).default([]),
  /** What the public open data says about owners: nothing (`none`, the default) or job titles. */
  openData: z.strictObject({ owners: oneOf(OPEN_DATA_OWNERS).optional() }).optional(),
  /**
   * The steps an update passes before its figure counts, in order (services/sign-off/*). Left out or
   * empty: a figure counts as soon as it is submitted.
   */
  signOff: z
    .array(signOffStep)
    .max(MAX_STEPS, `a sign-off chain has at most ${MAX_STEPS} steps`)
    .refine(
      (steps) => new Set(steps.map((s) => s.step.toLowerCase())).size === steps.length,
      'give each sign-off step its own name',
    )
    .optional(),
  /** The risk register's probability × impact matrix (services/risk/matrix.ts); Melton's if left out. */
  riskMatrix: riskMatrixSchema.optional(),
});

/** One target asked for in a monitoring cycle, and its owner when the cycle opened. */
export const cycleTargetSchema = z.strictObject({
  target: key,
  owner: email.optional(),
});

const days = z.number({ error: 'expected a whole number of days' }).int('expected a whole number of days');

/**
 * A monitoring cycle as opened (services/cycle/open.ts): what was submitted for each target is not
 * listed here; it is the cycle's updates (updates[].cycle).
 */
export const cycleSchema = z.strictObject({
  id: slug,
  name: line,
  scope: line,
  periodFrom: isoDate,
  opensOn: isoDate,
  dueOn: isoDate,
  remindDaysBefore: z.array(days.min(1)).default([5, 1]),
  escalateDaysAfter: days.min(1).default(1),
  tolerance: finite
    .min(0, 'expected a fraction from 0 to 1')
    .max(1, 'expected a fraction from 0 to 1')
    .default(0.05),
  status: oneOf(['open', 'closed'] as const).default('open'),
  closedOn: isoDate.optional(),
  /** The committee its report goes to (services/cycle/committee.ts). */
  meeting: z.strictObject({ name: line, on: isoDate }).optional(),
  reportDeadline: isoDate.optional(),
  openedBy: line,
  targets: z.array(cycleTargetSchema).min(1, 'a cycle asks for at least one target'),
});

export const PLAN_FORMAT = 'golden-thread-plan/1';

export const planFileSchema = z.strictObject({
  format: z.literal(PLAN_FORMAT, { error: `expected format: ${PLAN_FORMAT}` }),
  plan: planSchema,
  aims: z.array(aimSchema).min(1, 'a plan needs at least one aim'),
  priorities: z.array(prioritySchema).default([]),
  people: z.array(personSchema).default([]),
  updates: z.array(updateSchema).default([]),
  cycles: z.array(cycleSchema).default([]),
  /** The risk register (services/risk/schema.ts), checked against the matrix by services/risk/file.ts. */
  risks: z.array(riskSchema).default([]),
});

export type PlanFile = z.infer<typeof planFileSchema>;
export type PlanFileInput = z.input<typeof planFileSchema>;
export type TargetEntry = z.infer<typeof targetSchema>;
export type PriorityEntry = z.infer<typeof prioritySchema>;
export type UpdateEntry = z.infer<typeof updateSchema>;
export type PersonEntry = z.infer<typeof personSchema>;
export type CycleEntry = z.infer<typeof cycleSchema>;
