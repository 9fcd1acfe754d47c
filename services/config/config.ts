import { z } from 'zod';
import { describeIssues } from './describe-issues';

const whole = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be a whole number from ${min} to ${max}`);

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: whole('PORT', 1, 65535).default(3978),
  /** Unset: 0.0.0.0 when Teams requests are authenticated, 127.0.0.1 in local mode (README, Security). */
  HOST: z.string().min(1).optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'MONGODB_URI must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'MONGODB_DB may hold letters, digits, "_" and "-" only')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /**
   * The longest the bot waits for the database on one chat request before saying it is not
   * answering (a frozen database otherwise holds every request for the TCP timeout).
   */
  DATABASE_TIMEOUT_MS: whole('DATABASE_TIMEOUT_MS', 500, 600_000).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_PLAN: z.enum(['auto', 'always', 'never']).default('auto'),
  /**
   * The plan (its id, as in the plan file) a question prefers when it matches several plans and
   * the asker is listed in none of them (services/answers/plans.ts). Unset: such a question shows
   * every plan, or asks which.
   */
  DEFAULT_PLAN: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,99}$/,
      'DEFAULT_PLAN must be a plan id (lower-case letters, digits, hyphens), such as leicester-2003',
    )
    .optional(),
  PLAN_IMPORT_MAX_MB: whole('PLAN_IMPORT_MAX_MB', 1, 500).default(20),
  FERRETDB_BIN: z.string().min(1).optional(),
  MicrosoftAppId: z.string().min(1).optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().min(1).optional(),
  /** Run the Teams endpoint without Bot Framework tokens (Emulator, tests). */
  TEAMS_LOCAL_MODE: z.enum(['true', 'false']).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'SLACK_BOT_TOKEN must start with xoxb-')
    .optional(),
  /** An app-level token (xapp-) switches Slack to Socket Mode, for development without a public URL. */
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'SLACK_APP_TOKEN must start with xapp-')
    .optional(),
  /** How often the outbox is drained and due jobs (requests, reminders, escalations) are run. */
  OUTBOX_INTERVAL_MS: whole('OUTBOX_INTERVAL_MS', 50, 600_000).default(2000),
  SCHEDULER_INTERVAL_MS: whole('SCHEDULER_INTERVAL_MS', 50, 3_600_000).default(30_000),
  /** A claimed send not finished in this time is taken to have died with its instance. */
  OUTBOX_CLAIM_TIMEOUT_MS: whole('OUTBOX_CLAIM_TIMEOUT_MS', 100, 3_600_000).default(30_000),
  OUTBOX_MAX_ATTEMPTS: whole('OUTBOX_MAX_ATTEMPTS', 1, 100).default(8),
  /** Platform limits (design.md): Teams per app per tenant and per conversation; Slack per workspace and per channel. */
  TEAMS_RATE_PER_SECOND: whole('TEAMS_RATE_PER_SECOND', 1, 1000).default(50),
  TEAMS_RATE_PER_CONVERSATION: whole('TEAMS_RATE_PER_CONVERSATION', 1, 100).default(7),
  SLACK_RATE_PER_SECOND: whole('SLACK_RATE_PER_SECOND', 1, 1000).default(5),
  SLACK_RATE_PER_CHANNEL: whole('SLACK_RATE_PER_CHANNEL', 1, 100).default(1),
  /**
   * Where to start a Teams 1:1 chat with someone the bot has never talked to (only their id is
   * known): the Bot Connector of the tenant's region, and the tenant.
   */
  TEAMS_SERVICE_URL: z.url({ protocol: /^https?$/ }).default('https://smba.trafficmanager.net/uk/'),
  TEAMS_TENANT_ID: z.string().min(1).optional(),
  /** The address people reach this bot's web endpoints at (export downloads, calendar files, charts). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** A broadcast to more people than this needs a second policy-team member to approve it. */
  BROADCAST_APPROVAL_OVER: whole('BROADCAST_APPROVAL_OVER', 0, 10_000_000).default(500),
  /** Signs export and calendar links; set it to keep links valid across restarts. */
  LINK_SECRET: z.string().min(16, 'LINK_SECRET must be at least 16 characters').optional(),
  /**
   * Prometheus metrics at /metrics: off unless `on` or a METRICS_TOKEN is set; `off` wins over a
   * token. Without a token they are served to anyone who can reach the port.
   */
  METRICS: z.enum(['off', 'on']).optional(),
  /** When set, /metrics answers only requests with `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'METRICS_TOKEN must be at least 16 characters')
    .regex(/^\S+$/, 'METRICS_TOKEN may not contain spaces')
    .optional(),
  /** The Slack Web API base URL; tests point it at a local recording stub. */
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
});

export type Config = z.infer<typeof environmentSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads the configuration from environment variables (a `.env` file is loaded first by the caller).
 * Empty strings count as unset, because `.env` templates leave keys blank.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = environmentSchema.safeParse(present);
  if (!result.success) throw new ConfigError(describeIssues(result.error, present));
  const config = result.data;
  const problems: string[] = [];
  if (config.MicrosoftAppType === 'SingleTenant' && !(config.MicrosoftAppId && config.MicrosoftAppTenantId)) {
    problems.push('MicrosoftAppType SingleTenant needs MicrosoftAppId and MicrosoftAppTenantId');
  }
  if (
    config.MicrosoftAppId &&
    config.MicrosoftAppType !== 'UserAssignedMSI' &&
    !config.MicrosoftAppPassword
  ) {
    problems.push('MicrosoftAppId is set but MicrosoftAppPassword is not');
  }
  if (config.NODE_ENV === 'production' && !config.MicrosoftAppId && config.TEAMS_LOCAL_MODE !== 'true') {
    problems.push(
      'In production the Teams endpoint needs MicrosoftAppId (or TEAMS_LOCAL_MODE=true to run without tokens on purpose)',
    );
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP events) nor SLACK_APP_TOKEN (Socket Mode) is',
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * The address the HTTP server listens on: HOST when set; otherwise every interface (0.0.0.0) when
 * Teams requests are authenticated, and only this machine (127.0.0.1) in local mode — an
 * unauthenticated endpoint reachable from the network lets anyone act as anyone.
 */
export function listenHost(config: Pick<Config, 'HOST' | 'MicrosoftAppId'>): string {
  return config.HOST ?? (config.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1');
}
