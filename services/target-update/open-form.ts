import { Cycle, CycleTarget, Priority, Target } from '../../models';
import type { NoticeView, UpdateFormView } from '../answers/views';
import { updateForm } from './form';

/** A fresh update form for one target in one cycle (Slack opens it in a modal on a button press). */
export async function openForm(cycleId: string, targetId: string): Promise<UpdateFormView | NoticeView> {
  const [cycle, target, asked] = await Promise.all([
    Cycle.findById(cycleId).lean(),
    Target.findById(targetId).lean(),
    CycleTarget.exists({ _id: `${cycleId}|${targetId}` }),
  ]);
  if (!cycle || !target || !asked)
    return { kind: 'notice', text: 'That update request is no longer valid.', suggestions: ['my targets'] };
  const priority = await Priority.findById(`${target.plan}:${target.priority}`, { code: 1 }).lean();
  return updateForm(cycle, target, priority?.code ?? 'no code', cycle.name);
}
