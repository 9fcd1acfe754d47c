import { ROLES, type Role } from '../../models/person';

/**
 * Who acts at one step of a plan's sign-off chain:
 * - `lineManager` — the line manager (models/person.ts `lineManager`) of the target's owner (of
 *   whoever submitted, when the target has no owner): the head of service over that service;
 * - `role:<role>` — anyone with that role, e.g. `role:policy` for the policy team;
 * - `person:<email>` — one named person.
 */
export type Approver =
  { kind: 'lineManager' } | { kind: 'role'; role: Role } | { kind: 'person'; email: string };

/** One step as a plan stores it: `{ step: 'Head of service approves', who: 'lineManager' }`. */
export interface ChainStep {
  step: string;
  who: string;
}

/** The longest chain a plan may set: councils sign off in two or three steps, not ten. */
export const MAX_STEPS = 5;
export const STEP_NAME_MAX = 100;

/** How a policy officer writes who acts at a step, for every message that says it was wrong. */
export const WHO_HELP =
  "write lineManager (the target owner's line manager), role:policy (anyone with that role) or person:name@council.gov.uk (one person)";

// Each domain label starts after its own dot, so no two quantifiers can trade characters (no ReDoS).
const EMAIL = /^[^\s@:]+@[^\s@:.]+(?:\.[^\s@:.]+)+$/;

/**
 * Reads who acts at a step (any case, spaces around the colon allowed): the approver, or a message
 * saying what is wrong and how to write it.
 */
export function readWho(who: string): Approver | { problem: string } {
  const said = who.trim();
  const lower = said.toLowerCase();
  if (lower === 'linemanager' || lower === 'line manager') return { kind: 'lineManager' };
  const colon = said.indexOf(':');
  const kind = colon < 0 ? '' : lower.slice(0, colon).trim();
  const rest = colon < 0 ? '' : lower.slice(colon + 1).trim();
  if (kind === 'role') {
    if ((ROLES as readonly string[]).includes(rest)) return { kind: 'role', role: rest as Role };
    return { problem: `"${rest}" is not a role (roles are ${ROLES.join(', ')})` };
  }
  if (kind === 'person') {
    if (EMAIL.test(rest)) return { kind: 'person', email: rest };
    return { problem: `"${rest}" is not an email address` };
  }
  return { problem: `"${said.slice(0, 60)}" does not say who signs off: ${WHO_HELP}` };
}

/** An approver as a plan file writes it, one spelling for each: what an export gives back. */
export function whoText(approver: Approver): string {
  if (approver.kind === 'lineManager') return 'lineManager';
  return approver.kind === 'role' ? `role:${approver.role}` : `person:${approver.email}`;
}

/**
 * A step written in one line, as a spreadsheet cell holds it: "Head of service approves: lineManager".
 * Split at the last ": " (colon and space) after which who reads as an approver — "role: policy"
 * has one of its own — else at the last one, so the problem names what follows it; undefined when
 * there is no ": " at all.
 */
export function splitStep(line: string): ChainStep | undefined {
  const at = (from: number) => line.lastIndexOf(': ', from);
  const last = at(line.length);
  if (last < 0) return undefined;
  for (let i = last; i > 0; i = at(i - 1)) {
    const who = line.slice(i + 2).trim();
    if (!('problem' in readWho(who))) return { step: line.slice(0, i).trim(), who };
  }
  return { step: line.slice(0, last).trim(), who: line.slice(last + 2).trim() };
}

/** The one-line form of a step, as splitStep reads it. */
export const stepLine = (s: ChainStep): string => `${s.step}: ${s.who}`;

/** How the chain reads to people: "Head of service approves (the owner's line manager), then …". */
export function describeApprover(approver: Approver): string {
  if (approver.kind === 'lineManager') return "the owner's line manager";
  if (approver.kind === 'role')
    return approver.role === 'policy' ? 'the policy team' : `anyone with the role ${approver.role}`;
  return approver.email;
}
