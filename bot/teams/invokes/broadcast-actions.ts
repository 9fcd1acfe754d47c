import { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { renderTeams } from '../../../cards/teams/render';
import type { ComposeValues, View } from '../../../services/answers/views';
import {
  approveBroadcast,
  cancelBroadcast,
  isPolicyTeam,
  resendBroadcastFailures,
  type BroadcastFormDeps,
} from '../../../services/broadcast/broadcast';
import { composeConsultation } from '../../../services/consultation/compose';
import { answerConsultation } from '../../../services/consultation/respond';
import { replyToWorkshop } from '../../../services/workshop/reply';
import { whoIs } from '../teams-bot';
import { cardResponse, type CardAction } from './card-actions';

const text = z.string().max(50_000).optional();
// Teams merges the card's inputs into the action's data; ids come from the card, who is acting
// from the activity.
const action = <T extends z.ZodRawShape>(data: T) =>
  z.object({
    action: z.object({ type: z.literal('Action.Execute'), verb: z.string(), data: z.object(data).loose() }),
  });
const answer = action({ consultation: z.string().max(200) });
const rsvp = action({ workshop: z.string().max(200), answer: z.enum(['attend', 'decline', 'maybe']) });
const manage = action({ broadcast: z.string().max(300), do: z.enum(['approve', 'cancel', 'resend']) });
const compose = action({
  do: z.enum(['preview', 'send']),
  title: text,
  summary: text,
  link: text,
  questions: text,
  closes: text,
  nudgeDays: text,
  audience: text,
  sendAt: text,
});

const refused = (text: string) => cardResponse({ kind: 'notice', text, suggestions: [] });
const unreadable = () => refused('That card could not be read, so nothing was changed.');

async function who(context: TurnContext) {
  const from = context.activity.from;
  const { personId } = await whoIs(context);
  const reference = TurnContext.getConversationReference(context.activity) as unknown as Record<
    string,
    unknown
  >;
  return { personId, account: `teams:${from?.id ?? ''}`, name: from?.name ?? '', reference };
}

/** The consultation, workshop and broadcast verbs of Teams cards. */
export function broadcastActions(deps: BroadcastFormDeps): Record<string, CardAction> {
  const policyOnly = async (personId: string | undefined, what: string) => {
    if (await isPolicyTeam(personId)) return undefined;
    deps.log.warn({ person: personId, what }, 'Broadcast action refused: policy team only');
    return refused(`Only the policy team can ${what}.`);
  };
  return {
    answerConsultation: async (value, context) => {
      const parsed = answer.safeParse(value);
      if (!parsed.success) return unreadable();
      const { consultation, ...raw } = parsed.data.action.data;
      const me = await who(context);
      const view = await answerConsultation(
        consultation,
        { personId: me.personId, account: me.account, name: me.name, channel: 'teams' },
        raw,
        deps.now(),
        deps.log,
      );
      return cardResponse(view);
    },
    rsvpWorkshop: async (value, context) => {
      const parsed = rsvp.safeParse(value);
      if (!parsed.success) return unreadable();
      const me = await who(context);
      const view = await replyToWorkshop(
        parsed.data.action.data.workshop,
        {
          personId: me.personId,
          account: me.account,
          name: me.name,
          platform: 'teams',
          address: me.reference,
        },
        parsed.data.action.data.answer,
        deps,
      );
      return cardResponse(view);
    },
    broadcastAction: async (value, context) => {
      const parsed = manage.safeParse(value);
      if (!parsed.success) return unreadable();
      const { broadcast, do: what } = parsed.data.action.data;
      const me = await who(context);
      const denied = await policyOnly(me.personId, `${what} a broadcast`);
      if (denied || !me.personId) return denied ?? unreadable();
      const view =
        what === 'approve'
          ? await approveBroadcast(broadcast, me.personId, deps.now())
          : what === 'cancel'
            ? await cancelBroadcast(broadcast, me.personId, deps.log)
            : await resendBroadcastFailures(broadcast, deps.now());
      return cardResponse(view);
    },
    composeConsultation: async (value, context) => {
      const parsed = compose.safeParse(value);
      if (!parsed.success) return unreadable();
      const { do: mode, ...fields } = parsed.data.action.data;
      const me = await who(context);
      const denied = await policyOnly(me.personId, 'send consultations');
      if (denied || !me.personId) return denied ?? unreadable();
      const values: ComposeValues = Object.fromEntries(
        Object.entries(fields).filter(([, v]) => typeof v === 'string'),
      );
      const views = await composeConsultation(
        { values, author: me.personId, authorAddress: { platform: 'teams', address: me.reference }, mode },
        deps,
      );
      const [first] = views;
      if (!first || first.kind === 'composeConsultation') return cardResponse(first ?? unreadableView);
      if (mode === 'preview') {
        // The preview arrives as its own messages; the form stays as it was, to edit or send.
        for (const v of views) await context.sendActivity({ attachments: [renderTeams(v)] });
        return cardResponse({ kind: 'composeConsultation', values, errors: {} });
      }
      return cardResponse(first);
    },
  };
}

const unreadableView: View = { kind: 'notice', text: 'Nothing was composed.', suggestions: [] };
