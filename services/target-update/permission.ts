/** The person acting, as far as permission goes. */
export interface Actor {
  _id: string;
  roles: readonly string[];
}

/** Whether someone is in the policy team (administrators count as policy team everywhere). */
export const isPolicy = (person: Pick<Actor, 'roles'>): boolean =>
  person.roles.includes('policy') || person.roles.includes('admin');

/**
 * Who may report on a target: its owner, its deputy or the policy team. The one answer to that
 * question, for opening a form and for submitting it; nobody (an unknown person) may.
 */
export function mayUpdate(
  person: Actor | null | undefined,
  target: { owner?: string | null; deputy?: string | null },
): person is Actor {
  return !!person && (target.owner === person._id || target.deputy === person._id || isPolicy(person));
}
