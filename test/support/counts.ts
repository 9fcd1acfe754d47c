import { Aim, Audit, Person, Plan, Priority, Target, Update } from '../../models';

/** Documents per collection, to show that a refused import wrote nothing. */
export async function countAll(): Promise<Record<string, number>> {
  const models = { Plan, Aim, Priority, Target, Person, Update, Audit };
  const entries = await Promise.all(
    Object.entries(models).map(
      async ([name, model]) => [name, await (model as typeof Plan).countDocuments()] as const,
    ),
  );
  return Object.fromEntries(entries);
}
