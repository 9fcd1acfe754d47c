import { z } from 'zod';
import { DIRECTIONS, PLAN_STATUSES, RAGS, TARGET_KINDS, UNITS } from '../../models';

/**
 * The open-data feed's shape, once: the JSON is checked against it before it is served, and the
 * published JSON Schema (docs/open-data.schema.json, GET /open-data/schema.json) is generated from
 * it, so the documentation cannot drift from what is served. Every object is closed (no other
 * fields): a field a later change adds by mistake — an owner's email, an update's author — fails
 * the check instead of being published.
 */
export const OPEN_DATA_FORMAT = 'golden-thread-open-data/1';

const date = z.iso.date().describe('A calendar date, yyyy-mm-dd.');
const path = z
  .string()
  .regex(/^\/open-data\/[\w./-]+$/)
  .describe('A path on this server, e.g. /open-data/plans/leicester-2003.json.');

export const openDataLinksSchema = z
  .object({
    html: path.describe('The plan as an accessible web page.'),
    json: path.describe('The plan as JSON (this format).'),
    csv: path.describe('The plan as CSV, one row per target (UTF-8 with a byte-order mark).'),
  })
  .describe('Where to read the plan in each form.');

export const openDataPlanSummarySchema = z.object({
  id: z.string().describe("The plan's id, as in its URLs."),
  title: z.string(),
  organisation: z.string().describe('The council or body whose plan it is.'),
  period: z.object({
    label: z.string().describe('The period as the plan prints it, e.g. 2003–2006.'),
    start: date.nullable(),
    end: date.nullable(),
  }),
  status: z.enum(PLAN_STATUSES).describe('draft, consultation or adopted.'),
  version: z.number().int().min(1).describe("The plan's version number."),
  links: openDataLinksSchema,
});

/** A baseline, interim or final figure exactly as the plan prints it. */
const printedSchema = z
  .object({
    label: z.string().nullable().describe('The period it is for, as printed, e.g. 2001/02.'),
    text: z.string().describe('The figure as printed, e.g. "40.7%", "XX%" (not yet set).'),
  })
  .nullable();

export const openDataFigureSchema = z
  .object({
    value: z.number().nullable().describe('The figure as a number; null for a figure reported in words.'),
    text: z.string().describe('The figure as shown, with its unit, e.g. "47%".'),
    asOf: date.describe('The date the figure is for.'),
    rag: z.enum(RAGS).nullable().describe('red, amber or green, as confirmed; null when none was given.'),
    ragLabel: z
      .string()
      .nullable()
      .describe('The RAG as a word with a shape, e.g. "▲ Amber", so it reads without colour.'),
    trend: z
      .string()
      .nullable()
      .describe(
        'How the figure moved against earlier confirmed figures, honouring polarity; null with none to compare.',
      ),
  })
  .describe(
    'The newest figure confirmed through the plan’s sign-off chain. A provisional or returned figure is never published.',
  );

export const openDataTargetSchema = z.object({
  id: z.string().describe('The target’s code within the plan, e.g. ED.1/1.'),
  piCodes: z.array(z.string()).describe('Performance indicator codes, e.g. BV 38.'),
  kind: z.enum(TARGET_KINDS),
  text: z.string().describe('The target as the plan words it.'),
  unit: z.enum(UNITS).nullable(),
  per: z.number().nullable().describe('For a rate: per how many, e.g. 1000.'),
  polarity: z
    .enum(DIRECTIONS)
    .nullable()
    .describe('up: a higher figure is better; down: a lower figure is better; null: not stated.'),
  baseline: printedSchema,
  interim: printedSchema,
  final: printedSchema,
  due: date.nullable(),
  owner: z
    .string()
    .nullable()
    .optional()
    .describe(
      'The owner’s job title; present only when the plan publishes job titles (never a name or an email).',
    ),
  latestConfirmed: openDataFigureSchema.nullable(),
  ragReason: z.string().nullable().describe('Why the RAG is what it is, in one line, or why there is none.'),
});

export const openDataPrioritySchema = z.object({
  id: z.string(),
  code: z.string().nullable().describe('The code as printed, e.g. ED.1; null for a row printed without one.'),
  title: z.string(),
  targets: z.array(openDataTargetSchema),
});

export const openDataAimSchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  priorities: z.array(openDataPrioritySchema),
});

export const openDataPlanSchema = z
  .object({
    format: z.literal(OPEN_DATA_FORMAT),
    plan: openDataPlanSummarySchema,
    owners: z
      .enum(['none', 'jobTitle'])
      .describe('What is said about target owners: nothing, or their job titles.'),
    figuresAsOf: date.nullable().describe('The newest as-of date among the confirmed figures.'),
    aims: z.array(openDataAimSchema),
  })
  .meta({
    title: 'Golden Thread open data: a plan',
    description:
      'A council plan’s aims, priorities and targets with their newest confirmed figures. No personal data: owners appear as job titles or not at all.',
  });

export const openDataPlanListSchema = z
  .object({
    format: z.literal(OPEN_DATA_FORMAT),
    plans: z.array(openDataPlanSummarySchema),
  })
  .meta({ title: 'Golden Thread open data: the plans' });

export type OpenDataPlan = z.infer<typeof openDataPlanSchema>;
export type OpenDataPlanList = z.infer<typeof openDataPlanListSchema>;
export type OpenDataTarget = z.infer<typeof openDataTargetSchema>;
export type OpenDataFigure = z.infer<typeof openDataFigureSchema>;
export type OpenDataPlanSummary = z.infer<typeof openDataPlanSummarySchema>;

/**
 * The published JSON Schema (draft-07, so the widest range of validators read it): one document
 * describing both responses, `plans.json` under `definitions.planList` and a plan under the root.
 */
export function openDataJsonSchema(): Record<string, unknown> {
  const plan = z.toJSONSchema(openDataPlanSchema, { target: 'draft-7' }) as Record<string, unknown>;
  const list = z.toJSONSchema(openDataPlanListSchema, { target: 'draft-7' }) as Record<string, unknown>;
  delete list.$schema;
  const { $schema, ...rest } = plan;
  return {
    $schema,
    ...rest,
    definitions: { ...(rest.definitions as object | undefined), planList: list },
  };
}
