import { Cycle, Priority, Target } from '../../models';
import type { NoticeView, UpdateFormView } from '../answers/views';
import { updateForm } from './form';

/** A fresh update form for one target in one cycle (Slack opens it in a modal on a button press). */
export async function openForm(cycleId: string, targetId: string): Promise<UpdateFormView | NoticeView> {
  const cycle = await Cycle.findById(cycleId).lean();
  const target = await Target.findById(targetId).lean();
  if (!cycle || !target || !cycle.targets.includes(target._id))
    return { kind: 'notice', text: 'That update request is no longer valid.', suggestions: ['my targets'] };
  const priority = await Priority.findById(`${target.plan}:${target.priority}`, { code: 1 }).lean();
  return updateForm(cycle, target, priority?.code ?? 'no code', cycle.name);
}
