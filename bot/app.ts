import type { App } from '@slack/bolt';
import { hostname } from 'node:os';
import type restify from 'restify';
import { fits } from '../cards/fits';
import { databaseReachable } from '../models/database';
import { AudienceError, type ChannelMember } from '../services/broadcast/audience';
import { broadcastJobs, type BroadcastFormDeps } from '../services/broadcast/broadcast';
import { consultationJobs } from '../services/consultation/jobs';
import { fileAt } from '../services/files';
import { Links } from '../services/links';
import { workshopJobs } from '../services/workshop/jobs';
import type { Config } from '../services/config/config';
import { cycleJobs } from '../services/cycle/jobs';
import { Dispatcher } from '../services/delivery/dispatcher';
import { RateLimits } from '../services/delivery/limits';
import type { Sender } from '../services/delivery/sender';
import type { Logger } from '../services/log/logger';
import { accessNotice, metricsAccess } from '../services/metrics/access';
import { Metrics } from '../services/metrics/metrics';
import { outboxDepth } from '../services/metrics/outbox-depth';
import { PlanCatalogue } from '../services/plan/snapshot';
import { Scheduler } from '../services/scheduling/scheduler';
import { openForm } from '../services/target-update/open-form';
import { submitUpdate } from '../services/target-update/submit';
import { decideSignOff } from '../services/sign-off/decide';
import { signOffJobs } from '../services/sign-off/jobs';
import { signOffCard } from '../services/sign-off/pending';
import { createPicker, createRouter } from './router';
import { createServer } from './server';
import { registerBroadcastForms } from './slack/broadcast-forms';
import { registerPolicyForms } from './slack/policy-forms';
import { slackDirectory } from './slack/directory';
import { createSlackApp } from './slack/slack-app';
import { slackSender } from './slack/sender';
import { registerUpdateForms } from './slack/update-forms';
import { registerSignOff } from './slack/sign-off';
import { createTeamsAdapter } from './teams/adapter';
import { teamsDirectory } from './teams/directory';
import { broadcastActions } from './teams/invokes/broadcast-actions';
import { cardActions } from './teams/invokes/card-actions';
import { editTargetAction } from './teams/invokes/edit-target';
import { openCycleAction } from './teams/invokes/open-cycle';
import { publishWorkshopAction } from './teams/invokes/publish-workshop';
import { askAction } from './teams/invokes/ask-action';
import { riskReviewAction } from './teams/invokes/risk-review';
import { registerRiskReview } from './slack/risk-review';
import { riskJobs } from '../services/risk/jobs';
import { openReview, submitReview } from '../services/risk/review';
import { openUpdateAction } from './teams/invokes/open-update';
import { searchPlan } from './teams/invokes/search-plan';
import { updateAction } from './teams/invokes/update-action';
import { signOffAction } from './teams/invokes/sign-off';
import { teamsSender } from './teams/sender';
import { createTeamsBot, whoIs } from './teams/teams-bot';
import { invitations } from '../services/broadcast/invitations';

export interface BotApp {
  server: restify.Server;
  slack?: App;
  dispatcher: Dispatcher;
  scheduler: Scheduler;
  /** Present when metrics are on (METRICS=on or METRICS_TOKEN). */
  metrics?: Metrics;
}

export interface BotAppOptions {
  catalogue?: PlanCatalogue;
  /** The clock for everything time-dependent; tests pass a fixed one and move it. */
  now?: () => Date;
}

/**
 * The composition root: every intent, invoke, card verb, job and channel is wired here and only
 * here, so `npm start`, the end-to-end tests and the benchmarks run the same bot.
 */
export function createBotApp(config: Config, log: Logger, options: BotAppOptions = {}): BotApp {
  const catalogue = options.catalogue ?? new PlanCatalogue();
  const now = options.now ?? (() => new Date());
  const access = metricsAccess(config);
  const notice = accessNotice(access);
  log[notice.level]({ metrics: access.mode }, notice.message);
  // Off means off: nothing is recorded, and /metrics is not there (404).
  const metrics =
    access.mode === 'off' ? undefined : new Metrics({ log, databaseReachable, outboxDepth: outboxDepth() });
  const submit: Parameters<typeof updateAction>[0] = (s) => submitUpdate(s, log, now());
  // Forms opened on the bot's clock: one opened after the due date says it is overdue.
  const open: typeof openForm = (cycle, target, person) => openForm(cycle, target, person, now());
  // Sign-off decisions and cards on the bot's clock, from both channels.
  const decide: Parameters<typeof signOffAction>[0] = (d) => decideSignOff(d, log, now());
  const cardFor = (update: string, person: string | undefined) => signOffCard(update, person, now());
  const adapter = createTeamsAdapter(config, log);
  const links = new Links(config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, config.LINK_SECRET);
  const teamsMembers = teamsDirectory(adapter, {
    appId: config.MicrosoftAppId ?? '',
    serviceUrl: config.TEAMS_SERVICE_URL,
  });
  let slackMembers: ((channel: string) => Promise<ChannelMember[]>) | undefined;
  const broadcast: BroadcastFormDeps = {
    now,
    log,
    links,
    approvalOver: config.BROADCAST_APPROVAL_OVER,
    fits,
    directory: async (platform, channel) => {
      if (platform === 'teams') return teamsMembers(channel);
      if (!slackMembers) throw new AudienceError('Slack is not connected here.');
      return slackMembers(channel);
    },
    invitation: invitations(links),
  };
  // After a target is edited in chat, the plans as they now are: the next answer shows the change.
  const refreshed = () => catalogue.refresh();
  const ask = createRouter(catalogue, {
    log,
    now,
    broadcast,
    onTurn: metrics && ((channel, intent) => metrics.turn(channel, intent)),
    defaultPlan: config.DEFAULT_PLAN,
  });
  const teamsBot = createTeamsBot(ask, log, {
    'composeExtension/query': (value) => searchPlan(value, createPicker(catalogue)),
    'adaptiveCard/action': cardActions({
      submitUpdate: updateAction(submit, whoIs, log),
      openUpdate: openUpdateAction(open, whoIs),
      signOffApprove: signOffAction(decide, whoIs, log),
      signOffReturn: signOffAction(decide, whoIs, log),
      ask: askAction(ask, whoIs),
      reviewRisk: riskReviewAction((r) => submitReview(r, now()), whoIs, log),
      ...broadcastActions(broadcast),
      openCycle: openCycleAction({ now, log }),
      publishWorkshop: publishWorkshopAction(broadcast),
      editTarget: editTargetAction({ now, log, refreshed }),
    }),
  });
  const server = createServer({
    log,
    databaseReachable,
    authentication: config.MicrosoftAppId ? 'on' : 'local',
    teams: { adapter, bot: teamsBot },
    files: { links, fileAt },
    metrics: metrics && { recorder: metrics, token: access.mode === 'token' ? access.token : undefined },
  });
  const slack = createSlackApp(config, server, ask, log);
  if (slack) {
    registerUpdateForms(slack, submit, open, log);
    registerSignOff(slack, decide, cardFor, log);
    registerRiskReview(slack, (r) => submitReview(r, now()), openReview, log);
    registerBroadcastForms(slack, broadcast);
    registerPolicyForms(slack, { ...broadcast, refreshed });
    slackMembers = slackDirectory(slack);
  }

  const senders: Partial<Record<'teams' | 'slack', Sender>> = {
    teams: teamsSender(adapter, {
      appId: config.MicrosoftAppId ?? '',
      serviceUrl: config.TEAMS_SERVICE_URL,
      tenantId: config.TEAMS_TENANT_ID ?? config.MicrosoftAppTenantId,
    }),
    ...(slack ? { slack: slackSender(slack) } : {}),
  };
  // Names this instance in its claims; the host name tells two servers' instances apart.
  const instance = `${hostname()}:${process.pid}`;
  const dispatcher = new Dispatcher({
    senders,
    log,
    now,
    claimTimeoutMs: config.OUTBOX_CLAIM_TIMEOUT_MS,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    limits: new RateLimits(
      {
        teams: {
          perSecond: config.TEAMS_RATE_PER_SECOND,
          perConversationPerSecond: config.TEAMS_RATE_PER_CONVERSATION,
        },
        slack: {
          perSecond: config.SLACK_RATE_PER_SECOND,
          perConversationPerSecond: config.SLACK_RATE_PER_CHANNEL,
        },
      },
      instance,
    ),
    instance,
    observer: metrics,
  });
  const scheduler = new Scheduler(
    {
      ...cycleJobs({ now }),
      ...riskJobs({ now }),
      ...signOffJobs({ now }),
      ...broadcastJobs(broadcast),
      ...consultationJobs(broadcast),
      ...workshopJobs(broadcast),
    },
    log,
    {
      now,
      onJobRan: metrics && ((kind, lag) => metrics.jobRan(kind, lag)),
      claimTimeoutMs: config.OUTBOX_CLAIM_TIMEOUT_MS,
      instance,
    },
  );
  return { server, slack, dispatcher, scheduler, metrics };
}
