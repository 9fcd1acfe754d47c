import type { App } from '@slack/bolt';
import { z } from 'zod';
import { BROADCAST_ACTION, OPEN_COMPOSE, OPEN_CONSULTATION, RSVP } from '../../cards/slack/broadcast';
import {
  COMPOSE_FIELDS,
  COMPOSE_MODAL,
  composeModal,
  PREVIEW_BLOCK,
  PREVIEW_ONLY,
} from '../../cards/slack/compose-modal';
import {
  ANSWER_MODAL,
  answeredModal,
  consultationModal,
  noticeModal,
  readOnlyModal,
} from '../../cards/slack/consultation-modal';
import type { Block } from '../../cards/slack/render';
import { renderSlack } from '../../cards/slack/render';
import type { ComposeField, ComposeValues, View } from '../../services/answers/views';
import { AUDIENCE_HELP } from '../../services/broadcast/audience';
import {
  approveBroadcast,
  cancelBroadcast,
  isPolicyTeam,
  resendBroadcastFailures,
  type BroadcastFormDeps,
} from '../../services/broadcast/broadcast';
import { composeConsultation } from '../../services/consultation/compose';
import { QUESTIONS_HELP } from '../../services/consultation/questions';
import { answerConsultation, consultationFor, type Responder } from '../../services/consultation/respond';
import { replyToWorkshop } from '../../services/workshop/reply';
import { whoIs } from './slack-app';
import { notice } from '../../services/answers/notice';

type Client = App['client'];

// Only the parts of Slack's payloads that are used, each checked. Who is acting always comes from
// the payload's user, never from a button's value: the value only names what was clicked.
const slackId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const user = z.object({
  id: slackId,
  name: z.string().max(200).optional(),
  username: z.string().max(200).optional(),
  team_id: slackId.optional(),
});
const subject = z.string().regex(/^[\w.:-]{1,300}$/);
const click = z.object({
  user,
  team: z.object({ id: slackId }).nullish(),
  trigger_id: z.string().min(1).max(500).optional(),
  channel: z.object({ id: slackId }).nullish(),
  message: z.object({ ts: z.string().regex(/^\d+(\.\d+)?$/) }).nullish(),
  actions: z.array(z.object({ action_id: z.string().max(255), value: subject })).min(1),
});
type Click = z.infer<typeof click>;
const input = z.object({
  value: z.string().max(20_000).nullish(),
  selected_option: z.object({ value: z.string().max(150) }).nullish(),
  selected_options: z
    .array(z.object({ value: z.string().max(150) }))
    .max(100)
    .nullish(),
});
const submission = z.object({
  user,
  team: z.object({ id: slackId }).nullish(),
  view: z.object({
    private_metadata: z.string().max(3000).optional(),
    state: z.object({ values: z.record(z.string().max(255), z.record(z.string().max(255), input)) }),
  }),
});
type State = z.infer<typeof submission>['view']['state']['values'];
// The renderer's action ids, back to what they ask for ("rsvp_attend" → "attend").
const rsvp = z.enum(Object.keys(RSVP) as (keyof typeof RSVP)[]);
const manage = z.enum(Object.keys(BROADCAST_ACTION) as (keyof typeof BROADCAST_ACTION)[]);
const oneOf = (ids: Record<string, string>) => new RegExp(`^(${Object.values(ids).join('|')})$`);
const askedFor = (ids: Record<string, string>, actionId: string | undefined) =>
  Object.keys(ids).find((k) => ids[k] === actionId);

const UNREADABLE = 'That could not be read, so nothing was changed.';

/** A modal's input as the services take it: text, one choice, or a list of choices. */
function read(state: State, block: string): string | string[] | undefined {
  const e = state[block]?.[block];
  if (e?.selected_options) return e.selected_options.map((o) => o.value);
  return e?.selected_option?.value ?? e?.value ?? undefined;
}

/** Slack shows at most 150 characters beside a field; the field's own hint already has the syntax help. */
const besideFields = (errors: Record<string, string | undefined>) =>
  Object.fromEntries(
    Object.entries(errors)
      .filter((e): e is [string, string] => !!e[1])
      .map(([k, v]) => {
        const short = v.replace(QUESTIONS_HELP, '').replace(AUDIENCE_HELP, '').trim();
        return [k, short.length > 150 ? `${short.slice(0, 149)}…` : short];
      }),
  );

/** Consultation answers, composing, workshop replies and broadcast actions in Slack. */
export function registerBroadcastForms(app: App, deps: BroadcastFormDeps): void {
  const { log } = deps;

  async function who(p: { user: z.infer<typeof user>; team?: { id: string } | null }, channel?: string) {
    const { personId } = await whoIs(p.team?.id ?? p.user.team_id, p.user.id, channel);
    return {
      personId,
      user: p.user.id,
      account: `slack:${p.user.id}`,
      name: p.user.name ?? p.user.username ?? p.user.id,
    };
  }
  const responder = (me: Awaited<ReturnType<typeof who>>): Responder => ({
    personId: me.personId,
    account: me.account,
    name: me.name,
    channel: 'slack',
  });
  /** A message to the person who clicked, in their DM with the bot. */
  const tell = (client: Client, to: string, view: View) =>
    client.chat
      .postMessage({ channel: to, ...renderSlack(view) })
      .then(() => undefined)
      .catch((error: Error) => log.warn({ err: error, to }, 'Could not answer a Slack broadcast action'));
  const policyOnly = async (personId: string | undefined, what: string, client: Client, to: string) => {
    if (personId && (await isPolicyTeam(personId))) return true;
    log.warn(
      { person: personId, account: `slack:${to}`, what },
      'Broadcast action refused: policy team only',
    );
    await tell(client, to, notice(`Only the policy team can ${what}. Nothing was changed.`));
    return false;
  };

  /** A button: acknowledged at once (Slack wants it within 3 s), then checked and handled. */
  const onClick = (
    actionId: string | RegExp,
    handle: (c: Click, value: string, client: Client) => Promise<void>,
  ) =>
    app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body, client }) => {
      await ack();
      const parsed = click.safeParse(body);
      const value = parsed.data?.actions[0]?.value;
      if (!parsed.success || !value) {
        log.warn({ issues: parsed.error?.issues.slice(0, 3) }, 'Slack broadcast action refused: unreadable');
        const clicker = user.safeParse((body as { user?: unknown }).user);
        if (clicker.success) await tell(client, clicker.data.id, notice(UNREADABLE));
        return;
      }
      try {
        await handle(parsed.data, value, client);
      } catch (error) {
        log.error({ err: error, action: parsed.data.actions[0]?.action_id }, 'Slack broadcast action failed');
        await tell(
          client,
          parsed.data.user.id,
          notice('Sorry, that did not work. Nothing was changed; try again.'),
        );
      }
    });
  const open = async (client: Client, c: Click, view: Block) => {
    if (c.trigger_id) await client.views.open({ trigger_id: c.trigger_id, view: view as never });
    else log.warn({ user: c.user.id }, 'Slack button came without a trigger id: no form can be opened');
  };

  onClick(OPEN_CONSULTATION, async (c, id, client) => {
    const me = await who(c, c.channel?.id);
    const view = await consultationFor(id, responder(me));
    await open(client, c, view.kind === 'consultation' ? consultationModal(view) : noticeModal(view));
  });

  onClick(oneOf(RSVP), async (c, id, client) => {
    const choice = rsvp.parse(askedFor(RSVP, c.actions[0]?.action_id));
    const me = await who(c, c.channel?.id);
    const view = await replyToWorkshop(
      id,
      {
        personId: me.personId,
        account: me.account,
        name: me.name,
        platform: 'slack',
        address: { user: me.user },
      },
      choice,
      deps,
    );
    // The invitation itself shows the answer; a refusal comes as a message and leaves it as it was.
    const channel = c.channel?.id;
    const ts = c.message?.ts;
    if (view.kind === 'workshop' && channel && ts) {
      const updated = await client.chat
        .update({ channel, ts, ...renderSlack(view) })
        .then(() => true)
        .catch(
          (error: Error) => (log.warn({ err: error }, 'Could not update the workshop invitation'), false),
        );
      if (updated) return;
    }
    await tell(client, me.user, view);
  });

  onClick(oneOf(BROADCAST_ACTION), async (c, id, client) => {
    const what = manage.parse(askedFor(BROADCAST_ACTION, c.actions[0]?.action_id));
    const me = await who(c, c.channel?.id);
    if (!(await policyOnly(me.personId, `${what} a broadcast`, client, me.user)) || !me.personId) return;
    const view =
      what === 'approve'
        ? await approveBroadcast(id, me.personId, deps.now())
        : what === 'cancel'
          ? await cancelBroadcast(id, me.personId, log)
          : await resendBroadcastFailures(id, deps.now());
    await tell(client, me.user, view);
  });

  onClick(OPEN_COMPOSE, async (c, _value, client) => {
    const me = await who(c, c.channel?.id);
    if (!(await policyOnly(me.personId, 'send consultations', client, me.user))) return;
    await open(client, c, composeModal({ kind: 'composeConsultation', values: {}, errors: {} }));
  });

  const refusal = (title: string, text: string) => ({
    response_action: 'update' as const,
    view: readOnlyModal(title, [{ type: 'section', text: { type: 'mrkdwn', text } }]) as never,
  });

  app.view(ANSWER_MODAL, async ({ ack, body }) => {
    const parsed = submission.safeParse(body);
    const id = subject.safeParse(parsed.data?.view.private_metadata);
    if (!parsed.success || !id.success) {
      log.warn({ meta: parsed.data?.view.private_metadata }, 'Slack consultation answer refused: unreadable');
      return ack(refusal('Consultation', UNREADABLE));
    }
    try {
      const state = parsed.data.view.state.values;
      const raw = Object.fromEntries(
        Object.keys(state)
          .map((q) => [q, read(state, q)] as const)
          .filter(([, v]) => v !== undefined),
      );
      const me = await who(parsed.data);
      const view = await answerConsultation(id.data, responder(me), raw, deps.now(), log);
      if (view.kind === 'consultation' && Object.keys(view.errors).length)
        return ack({ response_action: 'errors', errors: besideFields(view.errors) });
      await ack({
        response_action: 'update',
        view: (view.kind === 'consultation' ? answeredModal(view) : noticeModal(view)) as never,
      });
    } catch (error) {
      log.error({ err: error, consultation: id.data }, 'Slack consultation answer failed');
      await ack(refusal('Consultation', 'Sorry, your answer could not be recorded. Please try again.'));
    }
  });

  app.view(COMPOSE_MODAL, async ({ ack, body, client }) => {
    const parsed = submission.safeParse(body);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'Slack compose form refused: unreadable');
      return ack(refusal('New consultation', UNREADABLE));
    }
    const state = parsed.data.view.state.values;
    const me = await who(parsed.data);
    if (!me.personId || !(await isPolicyTeam(me.personId))) {
      log.warn({ account: me.account }, 'Slack compose form refused: policy team only');
      return ack(
        refusal('New consultation', 'Only the policy team can send consultations. Nothing was sent.'),
      );
    }
    const values: ComposeValues = {};
    for (const field of Object.keys(COMPOSE_FIELDS) as ComposeField[]) {
      const v = read(state, field);
      if (typeof v === 'string') values[field] = v;
    }
    const preview = (state[PREVIEW_BLOCK]?.[PREVIEW_BLOCK]?.selected_options ?? []).some(
      (o) => o.value === PREVIEW_ONLY,
    );
    try {
      const views = await composeConsultation(
        {
          values,
          author: me.personId,
          authorAddress: { platform: 'slack', address: { user: me.user } },
          mode: preview ? 'preview' : 'send',
        },
        deps,
      );
      const [first] = views;
      if (first?.kind === 'composeConsultation') {
        const errors = besideFields(first.errors);
        if (Object.keys(errors).length) return ack({ response_action: 'errors', errors });
        // A problem with the whole message (too big for a platform): shown above the fields it kept.
        return ack({ response_action: 'update', view: composeModal({ ...first, values }, preview) as never });
      }
      await ack();
      for (const view of views) await tell(client, me.user, view);
    } catch (error) {
      log.error({ err: error, by: me.personId }, 'Slack compose form failed');
      await ack(
        refusal('New consultation', 'Sorry, that did not work, and nothing was sent. Please try again.'),
      );
    }
  });
}
