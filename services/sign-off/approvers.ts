import { Person } from '../../models';
import { anyOf } from '../../models/operators';
import { readWho, type ChainStep } from './chain';

interface Who {
  _id: string;
  name: string;
  lineManager?: string | null;
  awayUntil?: string | null;
  roles?: string[] | null;
}

/** Who may act at one step of one update's chain, and who is sent its card. */
export interface StepActors {
  /** The people the step names. */
  approvers: Who[];
  /** While an approver is on leave, the one covering for them (their own line manager) → whom for. */
  covers: Map<string, Who>;
  /** Who the card goes to: the approvers who are not away, and the covers. */
  recipients: string[];
  /** Who the step names, in words: "Meg Manager (the owner's line manager)". */
  named: string;
  /** Set when the step names nobody the plan knows, so the policy team signs off instead. */
  fallback?: string;
}

/** Everyone holding any of the roles, by email. */
async function withRoles(roles: string[]): Promise<Who[]> {
  // The roles are the plan's own words, never typed by a user; the filter is typed loosely because
  // mongoose types `roles` as the enum and `$in` as strings.
  const filter: Record<string, unknown> = { roles: anyOf(roles) };
  return (await Person.find(filter).sort({ _id: 1 }).lean()) as Who[];
}

const isAway = (p: Who, today: string) => !!p.awayUntil && p.awayUntil >= today;

/**
 * Resolves a step to people. `owner` is the target's owner (else whoever submitted); `today` is the
 * London date, for leave. An approver on leave (Person.awayUntil, services/target-update/leave.ts)
 * is covered by their own line manager; a step that names nobody the plan knows (an owner with no
 * line manager, a role nobody holds) falls back to the policy team, and says so.
 */
export async function actorsOf(
  step: ChainStep | undefined,
  owner: string,
  today: string,
): Promise<StepActors> {
  const who = step ? readWho(step.who) : undefined;
  let approvers: Who[] = [];
  let named = '';
  let fallback: string | undefined;
  if (who && !('problem' in who)) {
    if (who.kind === 'lineManager') {
      const person = (await Person.findById(owner, { name: 1, lineManager: 1 }).lean()) as Who | null;
      const manager = person?.lineManager
        ? ((await Person.findById(person.lineManager).lean()) as Who | null)
        : null;
      if (manager) approvers = [manager];
      else fallback = `${person?.name ?? owner} has no line manager in the plan`;
      named = `${manager?.name ?? 'the line manager'} (${person?.name ?? owner}'s line manager)`;
    } else if (who.kind === 'role') {
      // Administrators count as the policy team everywhere (services/target-update/permission.ts).
      const roles = who.role === 'policy' ? ['policy', 'admin'] : [who.role];
      approvers = await withRoles(roles);
      named = who.role === 'policy' ? 'the policy team' : `anyone with the role ${who.role}`;
      if (approvers.length === 0) fallback = `nobody has the role ${who.role}`;
    } else {
      const person = (await Person.findById(who.email).lean()) as Who | null;
      if (person) approvers = [person];
      else fallback = `${who.email} is not one of the plan's people`;
      named = person?.name ?? who.email;
    }
  } else fallback = 'the plan no longer names this step';
  if (fallback) {
    approvers = await withRoles(['policy', 'admin']);
    named = 'the policy team';
  }
  const covers = new Map<string, Who>();
  const away = approvers.filter((a) => isAway(a, today) && a.lineManager);
  if (away.length) {
    const managers = (await Person.find({
      _id: anyOf(away.map((a) => String(a.lineManager))),
    }).lean()) as Who[];
    const byId = new Map(managers.map((m) => [String(m._id), m]));
    for (const a of away) if (byId.has(String(a.lineManager))) covers.set(String(a.lineManager), a);
  }
  const recipients = [
    ...new Set([...approvers.filter((a) => !isAway(a, today)).map((a) => String(a._id)), ...covers.keys()]),
  ];
  return { approvers, covers, recipients, named, ...(fallback ? { fallback } : {}) };
}

/** Whether `person` may act at the step: one of its approvers, or covering for one on leave. */
export const mayAct = (actors: StepActors, person: string): boolean =>
  actors.approvers.some((a) => String(a._id) === person) || actors.covers.has(person);
