import { UNREADABLE } from './unreadable';
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { readOnlyModal } from '../../cards/slack/consultation-modal';
import { EDIT_TARGET_MODAL, editTargetModal } from '../../cards/slack/edit-target-modal';
import { OPEN_CYCLE_MODAL, openCycleModal } from '../../cards/slack/open-cycle-modal';
import { OPEN_POLICY_FORM } from '../../cards/slack/policy-forms';
import { PUBLISH_WORKSHOP_MODAL, publishWorkshopModal } from '../../cards/slack/publish-workshop-modal';
import { renderSlack, type Block } from '../../cards/slack/render';
import { Plan } from '../../models';
import { excerpt } from '../../services/answers/format';
import { notice } from '../../services/answers/notice';
import type { PolicyFormBase, View } from '../../services/answers/views';
import type { BroadcastFormDeps } from '../../services/broadcast/broadcast';
import { editTargetData, editTargetForm, submitEditTargetForm } from '../../services/forms/edit-target';
import { FORM_DOES, policyMember, type PolicyForm } from '../../services/forms/fields';
import { openCycleForm, submitOpenCycleForm } from '../../services/forms/open-cycle';
import { publishWorkshopForm, submitPublishWorkshopForm } from '../../services/forms/publish-workshop';
import type { PlanSnapshot } from '../../services/plan/snapshot';
import { whoIs } from './slack-app';
import { FIELD_ERROR_MAX } from './update-forms';

type Client = App['client'];

// Only the parts of Slack's payloads that are used, each checked. Who is acting always comes from
// the payload's user; the button's value and the modal's metadata only name what the form is of.
const slackId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const user = z.object({ id: slackId, team_id: slackId.optional() });
const click = z.object({
  user,
  team: z.object({ id: slackId }).nullish(),
  trigger_id: z.string().min(1).max(500),
  channel: z.object({ id: slackId }).nullish(),
  actions: z
    .array(z.object({ value: z.string().regex(/^(openCycle|publishWorkshop|editTarget)(\|[^|]{1,300})?$/) }))
    .min(1),
});
// Each input block is named after its field and holds one element of the same name.
const element = z.object({
  value: z.string().max(20_000).nullish(),
  selected_date: z.string().max(40).nullish(),
  selected_time: z.string().max(40).nullish(),
  selected_option: z.object({ value: z.string().max(300) }).nullish(),
});
const submission = z.object({
  user,
  team: z.object({ id: slackId }).nullish(),
  view: z.object({
    private_metadata: z.string().max(3000).optional(),
    state: z.object({ values: z.record(z.string().max(255), z.record(z.string().max(255), element)) }),
  }),
});
type Submission = z.infer<typeof submission>;

/** The modal's inputs as text by field: what the services read, whatever element each is. */
function typed(s: Submission): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [block, inputs] of Object.entries(s.view.state.values)) {
    const e = inputs[block];
    const v = e?.value ?? e?.selected_date ?? e?.selected_time ?? e?.selected_option?.value;
    if (typeof v === 'string') out[block] = v;
  }
  return out;
}

const saying = (title: string, view: View): Block => readOnlyModal(title, renderSlack(view).blocks);

/**
 * How a form that came back is answered: errors beside the fields the modal has (Slack refuses
 * errors for blocks it does not have), otherwise the modal again with the problem at its top.
 */
function returned(view: PolicyFormBase, modal: Block): object {
  const blocks = new Set(((modal.blocks as Block[] | undefined) ?? []).map((b) => b.block_id));
  const errors = Object.entries(view.errors).filter(([k, e]) => e && blocks.has(k));
  if (errors.length && errors.length === Object.keys(view.errors).length && !view.problem)
    return {
      response_action: 'errors',
      errors: Object.fromEntries(errors.map(([k, e]) => [k, excerpt(e, FIELD_ERROR_MAX)])),
    };
  return { response_action: 'update', view: modal };
}

/**
 * The policy team's forms in Slack: "open a cycle", "new workshop" and "edit ED.1/1" answer with a
 * button (a modal needs a click's trigger), which opens the modal; each submission is checked
 * (policy team only, every time), and errors come back beside the fields in the same modal, which
 * keeps what was typed. A success closes it into a read-only note, and the note (and for an edited
 * target, its status card) comes as a message too.
 */
export function registerPolicyForms(
  app: App,
  deps: BroadcastFormDeps & { refreshed: () => Promise<PlanSnapshot> },
): void {
  const { log } = deps;
  const tell = (client: Client, to: string, view: View) =>
    client.chat
      .postMessage({ channel: to, ...renderSlack(view) })
      .then(() => undefined)
      .catch((error: Error) => log.warn({ err: error, to }, 'Could not answer a Slack policy form'));
  const member = async (
    p: { user: { id: string; team_id?: string }; team?: { id: string } | null },
    form: PolicyForm,
  ) => {
    const { personId } = await whoIs(p.team?.id ?? p.user.team_id, p.user.id, undefined);
    const person = await policyMember(personId);
    if (!person)
      log.warn(
        { person: personId, account: `slack:${p.user.id}`, form },
        'Policy form refused: policy team only',
      );
    return person;
  };
  const refusal = (form: PolicyForm) =>
    notice(`Only the policy team can ${FORM_DOES[form]}. Nothing was changed.`);

  app.action({ type: 'block_actions', action_id: OPEN_POLICY_FORM }, async ({ ack, body, client }) => {
    await ack();
    const c = click.safeParse(body);
    if (!c.success) {
      log.warn({ issues: c.error.issues.slice(0, 3) }, 'Slack policy form button refused: unreadable');
      const clicker = user.safeParse((body as { user?: unknown }).user);
      if (clicker.success) await tell(client, clicker.data.id, notice(UNREADABLE));
      return;
    }
    const [form, subject = ''] = (c.data.actions[0]?.value ?? '').split('|') as [PolicyForm, string?];
    if (!(await member(c.data, form))) return tell(client, c.data.user.id, refusal(form));
    try {
      const modal = await modalFor(form, subject);
      await client.views.open({
        trigger_id: c.data.trigger_id,
        view: (modal ?? saying('Policy team', notice('That is no longer in the plan.'))) as never,
      });
    } catch (error) {
      log.error({ err: error, form }, 'Slack policy form could not be opened');
      await tell(client, c.data.user.id, notice('Sorry, the form could not be opened. Try again.'));
    }
  });

  /** One modal's submission: read, checked for the policy team, handed to its service. */
  const onSubmit = (
    callback: string,
    form: PolicyForm,
    title: string,
    handle: (s: Submission, by: string) => Promise<{ answer: object; then?: View[] }>,
  ) =>
    app.view(callback, async ({ ack, body, client }) => {
      const parsed = submission.safeParse(body);
      if (!parsed.success) {
        log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'Slack policy form refused: unreadable');
        return ack({ response_action: 'update', view: saying(title, notice(UNREADABLE)) as never });
      }
      const person = await member(parsed.data, form);
      if (!person) return ack({ response_action: 'update', view: saying(title, refusal(form)) as never });
      let done: { answer: object; then?: View[] };
      try {
        done = await handle(parsed.data, person._id);
      } catch (error) {
        log.error({ err: error, form, by: person._id }, 'Slack policy form failed');
        await ack({
          response_action: 'update',
          view: saying(
            title,
            notice('Sorry, that did not work, and nothing was changed. Please try again.'),
          ) as never,
        });
        return;
      }
      // Slack wants the answer within 3 s: the messages follow it.
      await ack(done.answer as never);
      for (const view of done.then ?? []) await tell(client, parsed.data.user.id, view);
    });

  onSubmit(OPEN_CYCLE_MODAL, 'openCycle', 'Open a cycle', async (s, by) => {
    const { ok, view } = await submitOpenCycleForm(
      { plan: s.view.private_metadata ?? '', values: typed(s), by, channel: 'slack' },
      deps.now(),
    );
    if (view.kind === 'openCycleForm') return { answer: returned(view, openCycleModal(view)) };
    return {
      answer: { response_action: 'update', view: saying('Open a cycle', view) },
      then: ok ? [view] : [],
    };
  });

  onSubmit(PUBLISH_WORKSHOP_MODAL, 'publishWorkshop', 'New workshop', async (s, by) => {
    const { ok, view } = await submitPublishWorkshopForm(
      { values: typed(s), by, authorAddress: { platform: 'slack', address: { user: s.user.id } } },
      deps,
    );
    if (view.kind === 'publishWorkshopForm') return { answer: returned(view, publishWorkshopModal(view)) };
    return {
      answer: { response_action: 'update', view: saying('New workshop', view) },
      then: ok ? [view] : [],
    };
  });

  onSubmit(EDIT_TARGET_MODAL, 'editTarget', 'Edit target', async (s, by) => {
    let meta: unknown;
    try {
      meta = JSON.parse(s.view.private_metadata ?? '');
    } catch {
      meta = undefined;
    }
    const which = editTargetData.safeParse(meta);
    if (!which.success)
      return { answer: { response_action: 'update', view: saying('Edit target', notice(UNREADABLE)) } };
    const { ok, views } = await submitEditTargetForm(
      { ...which.data, values: typed(s), by, channel: 'slack' },
      deps.now(),
      deps.refreshed,
    );
    const [first = notice('Nothing was changed.')] = views;
    if (first.kind === 'editTargetForm') return { answer: returned(first, editTargetModal(first)) };
    return {
      answer: { response_action: 'update', view: saying('Edit target', first) },
      then: ok ? views : [],
    };
  });
}

/** The modal a form's button opens, filled as the form starts; undefined when its subject is gone. */
async function modalFor(form: PolicyForm, subject: string): Promise<Block | undefined> {
  switch (form) {
    case 'publishWorkshop':
      return publishWorkshopModal(publishWorkshopForm());
    case 'openCycle': {
      const plan = await Plan.findById(subject, { organisation: 1, title: 1, period: 1 }).lean();
      return plan ? openCycleModal(await openCycleForm(plan)) : undefined;
    }
    case 'editTarget': {
      const view = await editTargetForm(subject);
      return view && editTargetModal(view);
    }
  }
}
