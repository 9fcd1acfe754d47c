import { z } from 'zod';

/**
 * The spellings a plan file's fields are read in, shared by every section's schema
 * (services/plan-file/schema.ts, services/risk/schema.ts). Spreadsheets hand back "2004" as the
 * number 2004: text fields take either and keep the text.
 */
export const text = z.union([z.string(), z.number()], { error: 'expected text' }).transform(String);
export const line = text.pipe(z.string().trim().min(1, 'must not be empty'));
export const list = z.array(line).default([]);
export const slug = text.pipe(
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
);
export const key = text.pipe(
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'use letters, digits and . _ / - (no spaces)'),
);
export const isoDate = text.pipe(
  z
    .string()
    // abort: a cell that is not a date at all is told so once, not also "not a real date".
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD', abort: true })
    .refine(
      (d) =>
        !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      'not a real date',
    ),
);
export const email = text.pipe(z.string().trim().toLowerCase().pipe(z.email('expected an email address')));
export const finite = z.number({ error: 'expected a number' }).finite('expected a finite number');
export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of: ${values.join(', ')}` });
