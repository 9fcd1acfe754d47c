import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Person, Plan, Priority, Target, UNITS } from '../../models';
import {
  EDIT_TARGET_FIELDS,
  EDITABLE,
  MEASURE_PARTS,
  MEASURES,
  measureField,
  type Editable,
  type MeasureName,
} from './edit-target-fields';
import type { AuditChannel } from '../../models/audit';
import { answer } from '../answers/answer';
import { notice } from '../answers/notice';
import type { EditTargetFormView, View } from '../answers/views';
import { recordAudit } from '../audit/record';
import { targetSchema } from '../plan-file/schema';
import type { PlanSnapshot } from '../plan/snapshot';
import { formValues, issuesToFields, type FormErrors, type FormValues } from './fields';

type Stored = Record<string, unknown>;
type StoredTarget = Stored & { _id: string; plan: string; key: string; priority: string };

/** The stored fields the plan file has (targetSchema's), as a file states them. */
function asFile(t: Stored): Stored {
  const out: Stored = { id: t.key };
  for (const k of Object.keys(targetSchema.shape)) {
    const v = t[k];
    if (k === 'id' || v === undefined || v === null) continue;
    if (Array.isArray(v))
      out[k] = v.map((x: unknown) => (x && typeof x === 'object' ? strip(x as Stored) : x));
    else out[k] = v && typeof v === 'object' && !(v instanceof Date) ? strip(v as Stored) : v;
  }
  return out;
}
/** A sub-document without mongoose's own keys or empty parts. */
const strip = (o: Stored): Stored =>
  Object.fromEntries(Object.entries(o).filter(([k, v]) => k !== '_id' && v !== undefined && v !== null));

const editable = (file: Stored): Partial<Record<Editable, unknown>> =>
  Object.fromEntries(EDITABLE.filter((k) => file[k] !== undefined).map((k) => [k, file[k]]));

/** A short fingerprint of the editable fields: a form opened before someone else's edit is told so. */
const versionOf = (file: Stored) =>
  createHash('sha256')
    .update(JSON.stringify(EDITABLE.map((k) => file[k] ?? null)))
    .digest('hex')
    .slice(0, 16);

/** The stored target as the form's text. */
function valuesOf(file: Stored): FormValues {
  const v: FormValues = {};
  for (const k of ['text', 'unit', 'direction', 'owner', 'deputy'] as const)
    if (typeof file[k] === 'string') v[k] = file[k];
  if (typeof file.tolerance === 'number') v.tolerance = String(file.tolerance);
  for (const m of MEASURES) {
    const measure = file[m] as Stored | undefined;
    for (const part of MEASURE_PARTS)
      if (measure?.[part] !== undefined) v[measureField(m, part)] = String(measure[part]);
  }
  return v;
}

/** The target a form names, by its id (`<plan>:<key>`), as stored. */
const load = async (id: string) => (await Target.findById(id).lean()) as StoredTarget | null;

/**
 * The form for one target, filled with what it holds now, or as typed with errors beside fields.
 * Undefined when there is no such target.
 */
export async function editTargetForm(
  targetId: string,
  typed?: { values: FormValues; errors: FormErrors; problem?: string; version?: string },
): Promise<EditTargetFormView | undefined> {
  const t = await load(targetId);
  if (!t) return undefined;
  const file = asFile(t);
  return {
    kind: 'editTargetForm',
    target: { id: t._id, code: t.key, plan: t.plan },
    version: typed?.version ?? versionOf(file),
    fields: EDIT_TARGET_FIELDS,
    values: typed?.values ?? valuesOf(file),
    errors: typed?.errors ?? {},
    ...(typed?.problem ? { problem: typed.problem } : {}),
  };
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
/** "1,204" and "46.5" as numbers; anything else as typed, for the schema to refuse in its words. */
const numeric = (text: string | undefined): unknown =>
  text === undefined
    ? undefined
    : NUMBER.test(text.replace(/,/g, ''))
      ? Number(text.replace(/,/g, ''))
      : text;

/** The form's text as a plan file's target: every field it does not edit as stored. */
function candidate(stored: Stored, v: FormValues, people: Map<string, string>): Stored {
  const out: Stored = { ...stored };
  for (const k of EDITABLE) delete out[k];
  const put = (k: string, value: unknown) => {
    if (value !== undefined) out[k] = value;
  };
  put('text', v.text ?? '');
  put('unit', v.unit);
  put('direction', v.direction);
  for (const m of MEASURES) {
    const parts = Object.fromEntries(
      MEASURE_PARTS.map((p) => [
        p,
        p === 'value' ? numeric(v[measureField(m, p)]) : v[measureField(m, p)],
      ]).filter(([, x]) => x !== undefined),
    );
    // A measure with any part given is checked whole (its text as printed is required).
    if (Object.keys(parts).length) out[m] = parts;
  }
  put('tolerance', numeric(v.tolerance));
  put('owner', person(v.owner, people));
  put('deputy', person(v.deputy, people));
  return out;
}

/** An email as typed (the schema checks it), or the email of the one person of the plan so named. */
function person(typed: string | undefined, people: Map<string, string>): string | undefined {
  if (!typed || typed.includes('@')) return typed?.toLowerCase();
  return people.get(typed.toLowerCase()) ?? typed;
}

const fieldOf = (path: readonly PropertyKey[]): string | undefined => {
  const [head, part] = path.map(String);
  if (head && (MEASURES as readonly string[]).includes(head))
    return (MEASURE_PARTS as readonly string[]).includes(part ?? '')
      ? measureField(head as MeasureName, part as 'text')
      : measureField(head as MeasureName, 'text');
  return (EDITABLE as readonly string[]).includes(head ?? '') ? head : undefined;
};
const PLAINLY: Record<string, string> = {
  ...Object.fromEntries(
    MEASURES.map((m) => [
      measureField(m, 'text'),
      'Give the figure as printed, such as 47%; or clear every part of it to remove it.',
    ]),
  ),
  ...Object.fromEntries(
    MEASURES.map((m) => [
      measureField(m, 'value'),
      'Give the value as a number, such as 46 or 46.5; the figure as printed goes in its own field.',
    ]),
  ),
  tolerance: 'Give the Amber band as a percentage from 0 to 100, such as 5.',
  unit: `Choose one of: ${UNITS.join(', ')}.`,
};

/** A field's value in the words of a change: a figure by its text as printed. */
const describe = (k: Editable, v: unknown): string => {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'object') return String((v as Stored).text ?? JSON.stringify(v));
  return k === 'text' ? `"${String(v).slice(0, 60)}${String(v).length > 60 ? '…' : ''}"` : String(v);
};

/**
 * Saves a target edited in the policy team's form (a Teams card or a Slack modal). The target is
 * checked whole with the plan file's own schema (services/plan-file/schema.ts `targetSchema`, the
 * one source of its rules: a figure means one of value, change or range, an email is an email…),
 * an owner or deputy must be one of the plan's people, and a form opened before someone else's
 * edit is returned to be checked. On any error nothing is written and the form comes back as typed
 * with each message beside its field. Otherwise the changed fields are written, audited old → new
 * (recordAudit), and the plan's `revision` moves once so every bot reloads it; the answer says what
 * changed, followed by the priority's status card from `refreshed` (the reloaded plans).
 */
export async function submitEditTargetForm(
  req: {
    target: string;
    version: string;
    values: Record<string, unknown>;
    by: string;
    channel: AuditChannel;
  },
  now: Date,
  refreshed?: () => Promise<PlanSnapshot>,
): Promise<{ ok: boolean; views: View[] }> {
  const gone = notice('That target is no longer in the plan, so nothing was changed.');
  const t = await load(req.target);
  if (!t) return { ok: false, views: [gone] };
  const values = formValues(EDIT_TARGET_FIELDS, req.values);
  const stored = asFile(t);
  const version = versionOf(stored);
  const again = async (errors: FormErrors, problem?: string) => ({
    ok: false,
    views: [(await editTargetForm(t._id, { values, errors, problem, version: req.version })) ?? gone],
  });

  const people = (await Person.find({ plans: t.plan }, { name: 1 }).lean()) as {
    _id: string;
    name?: string;
  }[];
  const byName = new Map<string, string>();
  const twice = new Set<string>();
  for (const p of people) {
    const name = (p.name ?? '').toLowerCase();
    if (byName.has(name)) twice.add(name);
    byName.set(name, p._id);
  }
  const errors: FormErrors = {};
  for (const role of ['owner', 'deputy'] as const) {
    const typed = values[role];
    if (!typed || typed.includes('@')) continue;
    if (twice.has(typed.toLowerCase()))
      errors[role] = `Two of the plan's people are called ${typed}: give the email.`;
    else if (!byName.has(typed.toLowerCase()))
      errors[role] =
        `No one called ${typed} is in this plan's people: give an email or a name from the plan.`;
  }
  const parsed = targetSchema.safeParse(candidate(stored, values, byName));
  const checked = parsed.success
    ? { errors: {}, problems: [] }
    : issuesToFields(parsed.error.issues, fieldOf, PLAINLY);
  Object.assign(errors, { ...checked.errors, ...errors });
  if (parsed.success) {
    const ids = new Set(people.map((p) => p._id));
    for (const role of ['owner', 'deputy'] as const) {
      const email = parsed.data[role];
      if (email && !ids.has(email))
        errors[role] ??= `${email} is not one of this plan's people: add them through a plan import first.`;
    }
    if (parsed.data.owner && parsed.data.owner === parsed.data.deputy)
      errors.deputy ??= 'The deputy must be someone other than the owner.';
  }
  if (Object.keys(errors).length || checked.problems.length || !parsed.success)
    return again(errors, checked.problems.join(' ') || undefined);
  if (req.version !== version)
    return {
      ok: false,
      views: [
        (await editTargetForm(t._id, {
          values,
          errors: {},
          version,
          problem: `Someone else changed ${t.key} since this form was opened. Check the fields against the target as it is now ("status of ${t.key}") and save again to replace it.`,
        })) ?? gone,
      ],
    };

  const before = editable(stored);
  const after = editable(parsed.data as Stored);
  const changed = EDITABLE.filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
  const priority = await Priority.findOne({ plan: t.plan, key: t.priority }, { code: 1, key: 1 }).lean();
  const code = priority?.code ?? t.priority;
  if (!changed.length)
    return {
      ok: true,
      views: [notice(`Nothing was changed: ${t.key} already says that.`, [`status of ${code}`])],
    };

  const set = Object.fromEntries(changed.filter((k) => after[k] !== undefined).map((k) => [k, after[k]]));
  const unset = Object.fromEntries(changed.filter((k) => after[k] === undefined).map((k) => [k, 1]));
  await Target.updateOne(
    { _id: t._id },
    {
      ...(Object.keys(set).length ? { $set: set } : {}),
      ...(Object.keys(unset).length ? { $unset: unset } : {}),
    },
  );
  const said = changed.map((k) => `${k} ${describe(k, before[k])} → ${describe(k, after[k])}`);
  await recordAudit({
    at: now,
    by: req.by,
    channel: req.channel,
    action: 'change',
    entity: 'targets',
    entityId: t._id,
    plan: t.plan,
    before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(changed.map((k) => [k, after[k] ?? null])),
  });
  // The revision tells every running bot that its in-memory plan is stale (services/plan/snapshot.ts).
  await Plan.updateOne({ _id: t.plan }, { $inc: { revision: 1 } });
  const done = notice(`Saved ${t.key}: ${said.join('; ')}.`, [`status of ${code}`, `changes to ${t.key}`]);
  if (!refreshed) return { ok: true, views: [done] };
  const status = answer({ kind: 'status', code, plan: t.plan }, await refreshed(), {});
  return { ok: true, views: [done, status] };
}

/** A form's hidden data, read at the channel edge: which target, and the version it was opened at. */
export const editTargetData = z.object({
  target: z.string().min(1).max(300),
  version: z.string().regex(/^[0-9a-f]{16}$/),
});
