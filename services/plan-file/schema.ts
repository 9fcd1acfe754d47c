import { z } from 'zod';
import { CHANNELS, DIRECTIONS, PLAN_STATUSES, RAGS, ROLES, TARGET_KINDS, UNITS } from '../../models';

// Spreadsheets hand back "2004" as the number 2004: text fields take either and keep the text.
const text = z.union([z.string(), z.number()], { error: 'expected text' }).transform(String);
const line = text.pipe(z.string().trim().min(1, 'must not be empty'));
const list = z.array(line).default([]);
const slug = text.pipe(
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
);
const key = text.pipe(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'use letters, digits and . _ / - (no spaces)'),
);
const isoDate = text.pipe(
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine(
      (d) =>
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      'not a real date',
    ),
);
const email = text.pipe(z.string().trim().toLowerCase().pipe(z.email('expected an email address')));
const finite = z.number({ error: 'expected a number' }).finite('expected a finite number');
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of: ${values.join(', ')}` });

export const measureSchema = z.strictObject({
  label: text.optional(),
  text: line,
  value: finite.optional(),
});

export const targetSchema = z.strictObject({
  id: key,
  kind: oneOf(TARGET_KINDS).default('target'),
  text: line,
  piCodes: list,
  unit: oneOf(UNITS).optional(),
  direction: oneOf(DIRECTIONS).optional(),
  baseline: measureSchema.optional(),
  interim: measureSchema.optional(),
  final: measureSchema.optional(),
  due: isoDate.optional(),
  owner: email.optional(),
  deputy: email.optional(),
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
  targets: z.array(targetSchema).default([]),
});

export const aimSchema = z.strictObject({
  id: slug,
  code: line.optional(),
  title: line,
  description: line.optional(),
  aliases: list,
});

export const personSchema = z.strictObject({
  id: email,
  name: line,
  department: line.optional(),
  roles: z.array(oneOf(ROLES)).default(['staff']),
  lineManager: email.optional(),
  teamsId: line.optional(),
  slackId: line.optional(),
});

export const updateSchema = z
  .strictObject({
    id: key.optional(),
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
  })
  .refine((u) => u.value !== undefined || u.text !== undefined, {
    message: 'an update needs a value or a text',
    path: ['value'],
  });

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
  values: z.array(z.strictObject({ name: line, description: line.optional() })).default([]),
});

export const PLAN_FORMAT = 'golden-thread-plan/1';

export const planFileSchema = z.strictObject({
  format: z.literal(PLAN_FORMAT, { error: `expected format: ${PLAN_FORMAT}` }),
  plan: planSchema,
  aims: z.array(aimSchema).min(1, 'a plan needs at least one aim'),
  priorities: z.array(prioritySchema).default([]),
  people: z.array(personSchema).default([]),
  updates: z.array(updateSchema).default([]),
});

export type PlanFile = z.infer<typeof planFileSchema>;
export type PlanFileInput = z.input<typeof planFileSchema>;
export type TargetEntry = z.infer<typeof targetSchema>;
export type PriorityEntry = z.infer<typeof prioritySchema>;
export type UpdateEntry = z.infer<typeof updateSchema>;
export type PersonEntry = z.infer<typeof personSchema>;
