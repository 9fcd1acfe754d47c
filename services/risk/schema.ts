import { z } from 'zod';
import { RISK_STATUSES } from '../../models/risk';
import { email, isoDate, key, line } from '../plan-file/cells';

/** "A: Very High" in a spreadsheet cell (one a line); { code, name } in YAML and JSON. */
const scaleStep = z.preprocess(
  (s) => {
    if (typeof s !== 'string') return s;
    const at = s.indexOf(':');
    return at < 0
      ? { code: s.trim(), name: s.trim() }
      : { code: s.slice(0, at).trim(), name: s.slice(at + 1).trim() };
  },
  z.strictObject({ code: line, name: line }, { error: 'expected a code and a name, such as "A: Very High"' }),
);

/** "High: 12" in a spreadsheet cell (one a line); { name, from } in YAML and JSON. */
const band = z.preprocess(
  (b) => {
    if (typeof b !== 'string') return b;
    const at = b.lastIndexOf(':');
    const from = b.slice(at + 1).trim();
    return at < 0 ? b : { name: b.slice(0, at).trim(), from: /^\d+$/.test(from) ? Number(from) : from };
  },
  z.strictObject(
    {
      name: line,
      from: z
        .number({ error: 'expected a whole number' })
        .int('expected a whole number')
        .min(1, 'expected 1 or more'),
    },
    { error: 'expected a band and its lowest score, such as "High: 12"' },
  ),
);

const distinct = (steps: { code: string }[]) =>
  new Set(steps.map((s) => s.code.toLowerCase())).size === steps.length;

/**
 * A plan's risk matrix (services/risk/matrix.ts): its probability scale and impact scale, each
 * highest first, and the bands of scores, highest first. Left out: Melton's A–F × I–IV.
 */
export const riskMatrixSchema = z.strictObject({
  probability: z
    .array(scaleStep)
    .min(2, 'a scale needs at least two steps')
    .refine(distinct, 'give each step its own code')
    .optional(),
  impact: z
    .array(scaleStep)
    .min(2, 'a scale needs at least two steps')
    .refine(distinct, 'give each step its own code')
    .optional(),
  bands: z
    .array(band)
    .min(1)
    .refine(
      (bands) => bands.every((b, i) => i === 0 || (bands[i - 1]?.from ?? 0) > b.from),
      'list the bands highest first, each starting lower than the one before',
    )
    .refine((bands) => bands[bands.length - 1]?.from === 1, 'the last band must start at 1')
    .optional(),
});

/** One action against a risk: what, by when, by whom. */
export const riskActionSchema = z.strictObject({
  text: line,
  due: isoDate.optional(),
  owner: email.optional(),
});

/**
 * One risk of the register. `probability` and `impact` (now) and `targetProbability` and
 * `targetImpact` (once the actions are done) are labels of the plan's scales — a code ("D") or a
 * name ("Low"); a label not on the scale is refused by services/risk/file.ts, naming the row and
 * field. `links` are the items it threatens, as contributesTo references are written.
 */
export const riskSchema = z.strictObject({
  id: key,
  title: line,
  owner: email.optional(),
  cause: line.optional(),
  effect: line.optional(),
  probability: line,
  impact: line,
  targetProbability: line.optional(),
  targetImpact: line.optional(),
  controls: z.array(line).default([]),
  actions: z.array(riskActionSchema).default([]),
  reviewOn: isoDate.optional(),
  links: z.array(line).default([]),
  status: z.enum(RISK_STATUSES, { error: `expected one of: ${RISK_STATUSES.join(', ')}` }).optional(),
});

export type RiskEntry = z.infer<typeof riskSchema>;
export type RiskMatrixEntry = z.infer<typeof riskMatrixSchema>;
