import type { CloudAdapter, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../../services/log/logger';
import { activitySchema } from './activity';

/** What a refused request is told: the reason goes to the log only (it may name our libraries). */
const REFUSED: Record<number, string> = {
  400: 'malformed activity',
  401: 'unauthorized',
  403: 'forbidden',
  415: 'activities are JSON (application/json)',
};

/**
 * POST /api/messages: the Teams edge. The body must be JSON and an activity (activitySchema) before
 * the adapter sees it — botbuilder validates outside its own error handling and answers 500 to `{}`.
 * Whatever the adapter answers, a refusal carries a short generic body and its detail is logged.
 */
export function teamsEndpoint(
  adapter: CloudAdapter,
  bot: (context: TurnContext) => Promise<void>,
  log: Logger,
): restify.RequestHandler {
  return async (req, res) => {
    if (!req.is('application/json')) {
      log.warn({ contentType: req.header('content-type') }, 'Teams request refused: not JSON');
      return refuse(res, 415);
    }
    const activity = activitySchema.safeParse(parseJson(req.body));
    if (!activity.success) {
      log.warn(
        { issues: activity.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
        'Teams request refused: not an activity',
      );
      return refuse(res, 400);
    }
    req.body = activity.data;
    const answer = { status: 200, body: undefined as unknown };
    await adapter.process(
      req,
      {
        socket: req.socket,
        header: () => undefined,
        status: (code: number) => void (answer.status = code),
        send: (body?: unknown) => void (answer.body = body),
        end: () => undefined,
      },
      bot,
    );
    if (answer.status < 400) {
      if (answer.body === undefined) res.send(answer.status);
      else res.json(answer.status, answer.body);
      return;
    }
    const detail = { status: answer.status, type: activity.data.type, detail: String(answer.body ?? '') };
    if (answer.status >= 500) log.error(detail, 'Teams request failed');
    else log.warn(detail, 'Teams request refused');
    refuse(res, answer.status);
  };
}

function parseJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : body;
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function refuse(res: restify.Response, status: number): void {
  res.json(status, { error: REFUSED[status] ?? (status >= 500 ? 'server error' : 'refused') });
}
