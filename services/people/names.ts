import { Person } from '../../models';

/** The name the plan gives a person, else what their chat account calls them. */
export async function displayName(personId: string | undefined, accountName: string): Promise<string> {
  if (!personId) return accountName;
  const person = await Person.findById(personId, { name: 1 }).lean();
  return person?.name ?? accountName;
}
