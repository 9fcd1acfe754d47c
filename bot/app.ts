import type { App } from '@slack/bolt';
import type restify from 'restify';
import { databaseReachable } from '../models/database';
import type { Config } from '../services/config/config';
import type { Logger } from '../services/log/logger';
import { PlanCatalogue } from '../services/plan/snapshot';
import { createPicker, createRouter } from './router';
import { createServer } from './server';
import { createSlackApp } from './slack/slack-app';
import { createTeamsAdapter } from './teams/adapter';
import { searchPlan } from './teams/invokes/search-plan';
import { createTeamsBot } from './teams/teams-bot';

export interface BotApp {
  server: restify.Server;
  slack?: App;
}

/**
 * The composition root: every intent, invoke and channel is wired here and only here, so `npm start`,
 * the end-to-end tests and the benchmarks run the same bot.
 */
export function createBotApp(config: Config, log: Logger, catalogue = new PlanCatalogue()): BotApp {
  const ask = createRouter(catalogue);
  const pick = createPicker(catalogue);
  const teamsBot = createTeamsBot(ask, log, {
    'composeExtension/query': (value) => searchPlan(value, pick),
  });
  const server = createServer({
    log,
    databaseReachable,
    teams: { adapter: createTeamsAdapter(config, log), bot: teamsBot },
  });
  const slack = createSlackApp(config, server, ask, log);
  return { server, slack };
}
