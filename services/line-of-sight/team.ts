import { listView, LIST_LIMIT } from '../answers/answer';
import { figureText } from '../answers/figures';
import { excerpt } from '../answers/format';
import { notice } from '../answers/notice';
import { shortName } from '../answers/plans';
import { ragReason } from '../answers/target-view';
import type { ListItemView, View } from '../answers/views';
import type { PlanSnapshot } from '../plan/snapshot';

/**
 * "my team's targets", for a manager: the targets owned by the people whose line manager they are
 * (Person.lineManager), grouped by person in name order, each with its latest figure, RAG and the
 * reason for it (services/answers/target-view.ts ragReason). Deleted targets are listed as deleted.
 */
export function teamTargets(snapshot: PlanSnapshot, managerId: string, offset = 0): View {
  const team = [...snapshot.people.values()]
    .filter((p) => p.lineManager === managerId)
    .map((p) => ({ id: String(p._id), name: p.name ?? String(p._id) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  if (team.length === 0)
    return notice(
      'Nobody in the plans names you as their line manager, so there is no team to show. The policy team sets line managers in the people of a plan file.',
      ['my targets', 'what do I contribute to?'],
    );
  const lines: ListItemView[] = [];
  for (const member of team)
    for (const priority of snapshot.priorities)
      for (const t of priority.targets) {
        if (t.owner !== member.id) continue;
        const plan = snapshot.planById(t.plan);
        const deleted = t.status === 'deleted';
        const reason = ragReason(t);
        lines.push({
          code: t.key,
          title: `${excerpt(t.text, 120)}${deleted ? ' (deleted)' : ''}`,
          detail: [
            plan && snapshot.plans.length > 1 ? shortName(plan, snapshot.plans) : '',
            t.latest ? `Latest: ${figureText(t.latest, t)}` : 'No update yet',
            deleted && t.statusNote ? `Deleted: ${excerpt(t.statusNote, 100)}` : '',
          ]
            .filter(Boolean)
            .join(' · '),
          ...(t.latest?.rag ? { rag: t.latest.rag } : {}),
          ...(reason ? { reason } : {}),
          planId: t.plan,
          group: member.name,
        });
      }
  if (lines.length === 0)
    return notice(`Your team (${team.map((m) => m.name).join(', ')}) own no targets in the plans yet.`, [
      'what do I contribute to?',
    ]);
  const owners = new Set(lines.map((l) => l.group)).size;
  const intro = `${lines.length} ${lines.length === 1 ? 'target' : 'targets'} owned by ${owners} of the ${team.length} ${
    team.length === 1 ? 'person' : 'people'
  } you manage.`;
  return listView("Your team's targets", lines, "my team's targets", intro, LIST_LIMIT, offset);
}
