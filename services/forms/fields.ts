import type { z } from 'zod';
import { Person } from '../../models';
import type { PersonDoc } from '../../models/person';
import type { FormFieldView } from '../answers/views';
import { isPolicy } from '../target-update/permission';

/** What a form sends back: each field's text as typed, by field id. */
export type FormValues = Record<string, string>;
/** The message beside each field that is wrong, by field id. */
export type FormErrors = Record<string, string>;

/** The longest text any form field keeps (a workshop's description is the longest, at 2,000). */
export const MAX_FIELD = 3000;

/**
 * Only the fields a form has, as trimmed strings no longer than MAX_FIELD: whatever else a card or
 * modal sends (ids, verbs, stray inputs) is left behind, so nothing but the form's own fields is read.
 */
export function formValues(fields: readonly FormFieldView[], raw: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = raw[f.id];
    if (typeof v === 'string' && v.trim()) out[f.id] = v.trim().slice(0, f.max ?? MAX_FIELD);
  }
  return out;
}

/**
 * zod's issues as messages beside fields: `fieldOf` names the form field an issue's path belongs to
 * (undefined: the form has no such field, and the message goes to `problems`). The first message
 * for a field wins: one thing to fix at a time.
 */
export function issuesToFields(
  issues: readonly z.core.$ZodIssue[],
  fieldOf: (path: readonly PropertyKey[]) => string | undefined,
  /** What to say instead of zod's built-in words ("Too big: expected number to be <=60") for a field. */
  plainly: Record<string, string> = {},
): { errors: FormErrors; problems: string[] } {
  const errors: FormErrors = {};
  const problems: string[] = [];
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    // A rule's own message (a refinement: "give one of value, change or range") is kept as written.
    const message = (field && issue.code !== 'custom' && plainly[field]) || sentence(issue.message);
    if (!field) problems.push(`${issue.path.join('.') || 'form'}: ${message}`);
    else errors[field] ??= message;
  }
  return { errors, problems };
}

/** "must be a date written yyyy-mm-dd" → "Must be a date written yyyy-mm-dd." */
export const sentence = (message: string): string => {
  const m = message.trim();
  const capital = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** "5, 1" → [5, 1]; a part that is not a whole number is NaN, for the schema to refuse. */
export const numberList = (text: string | undefined): number[] | undefined =>
  text === undefined
    ? undefined
    : text
        .split(/[,;\s]+/)
        .filter(Boolean)
        .map((n) => (/^\d{1,6}$/.test(n) ? Number(n) : Number.NaN));

/**
 * The person acting, when they are in the policy team (services/target-update/permission.ts
 * `isPolicy`); undefined for anyone else or nobody. The one check every form makes before it is
 * shown and again before anything is written, failing closed.
 */
export async function policyMember(
  personId: string | undefined,
): Promise<(PersonDoc & { _id: string }) | undefined> {
  if (!personId) return undefined;
  const person = (await Person.findById(personId).lean()) as (PersonDoc & { _id: string }) | null;
  return person && isPolicy(person) ? person : undefined;
}

/** Which of the policy team's forms: named in buttons, intents and the channels' callbacks. */
export const POLICY_FORMS = ['openCycle', 'publishWorkshop', 'editTarget'] as const;
export type PolicyForm = (typeof POLICY_FORMS)[number];

/** What the policy team asks for a form to do, in words for a refusal ("Only the policy team can …"). */
export const FORM_DOES: Record<PolicyForm, string> = {
  openCycle: 'open monitoring cycles',
  publishWorkshop: 'publish workshops',
  editTarget: 'edit targets',
};
