import type { App, Receiver } from '@slack/bolt';
import type restify from 'restify';
import { apologyFor } from '../../services/answers/apologies';
import type { Logger } from '../../services/log/logger';
import { firstDelivery } from '../../services/receipts';
import { bolt } from './bolt';
import { failedAck, respond, tellLater } from './failure';
import { slackPayloadSchema, type SlackPayload } from './payload';

const MAX_BODY = 1024 * 1024;
/** Slack's window for a request's timestamp, either way (Slack docs, "Verifying requests"). */
const TIMESTAMP_WINDOW_S = 5 * 60;
/**
 * Slack gives up on an acknowledgement after 3 s and retries (Events API) or shows an error; the
 * bot answers by 2.5 s whatever its listeners or the database are doing.
 */
export const ACK_WITHIN_MS = 2500;

const TOO_SLOW_FORM =
  'Not confirmed as saved — this took longer than it should. Wait a minute, then check “my targets” before submitting again.';
const TOO_SLOW = 'Still working on that — the answer will follow here.';

/**
 * Bolt's receiver on our restify server, so Teams and Slack share one port. The edge of the Slack
 * channel: it checks the signature and the timestamp (±5 minutes) on the raw body, answers Slack's
 * URL check, refuses payloads of a shape the bot does not take, handles each delivery once (a retry
 * or a replay is answered and dropped), and hands the rest to Bolt with an ack that becomes the HTTP
 * response — by ACK_WITHIN_MS at the latest, and never saying something was accepted when a
 * listener failed.
 */
export class RestifyReceiver implements Receiver {
  private app?: App;

  constructor(
    private readonly server: restify.Server,
    private readonly signingSecret: string,
    private readonly log: Logger,
  ) {}

  init(app: App): void {
    this.app = app;
    this.server.post('/slack/events', async (req, res) => this.handle(req, res));
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  private async handle(req: restify.Request, res: restify.Response): Promise<void> {
    const raw = await readRaw(req).catch(() => undefined);
    const timestamp = Number(req.header('x-slack-request-timestamp'));
    const signature = req.header('x-slack-signature') ?? '';
    if (
      raw === undefined ||
      !(Math.abs(Date.now() / 1000 - timestamp) <= TIMESTAMP_WINDOW_S) ||
      !bolt().isValidSlackRequest({
        signingSecret: this.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      })
    ) {
      this.log.warn(
        { ip: req.socket.remoteAddress },
        'Slack request refused: bad, stale, future or missing signature',
      );
      return send(res, 401, { error: 'invalid signature' });
    }
    const body = parseBody(raw, req.header('content-type') ?? '');
    if (body?.type === 'url_verification' && typeof body.challenge === 'string')
      return send(res, 200, { challenge: body.challenge });
    const parsed = slackPayloadSchema.safeParse(body);
    if (!parsed.success) {
      this.log.warn(
        { issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
        'Slack request refused: not a payload the bot takes',
      );
      return send(res, 400, { error: 'unexpected payload' });
    }
    await this.dispatch(parsed.data, body as Record<string, unknown>, signature, res);
  }

  private async dispatch(
    payload: SlackPayload,
    body: Record<string, unknown>,
    signature: string,
    res: restify.Response,
  ): Promise<void> {
    const form = payload.kind === 'view_submission';
    let acked = false;
    let late = false;
    const ack = async (response?: unknown) => {
      if (late) return this.answerLate(payload, response);
      if (acked) return;
      acked = true;
      send(res, 200, response ?? '');
    };
    const deadline = setTimeout(() => {
      if (acked) return;
      this.log.warn({ type: payload.kind }, 'Slack request acknowledged before its listener finished');
      send(res, 200, failedAck(payload, form ? TOO_SLOW_FORM : TOO_SLOW));
      acked = late = true;
    }, ACK_WITHIN_MS);
    try {
      // An event's retry carries the event's id; any other request replayed is byte-identical, and
      // so is its signature.
      const key =
        payload.kind === 'event_callback' ? `slack:event:${payload.p.event_id}` : `slack:signed:${signature}`;
      if (!(await firstDelivery(key))) {
        this.log.info({ type: payload.kind }, 'Slack delivery already handled: answered, not repeated');
        return void (await ack());
      }
      await this.app?.processEvent({ body, ack });
    } catch (error) {
      this.log.error({ err: error, type: payload.kind }, 'Slack listener failed');
      const text = apologyFor(error, form ? 'form' : 'reply');
      if (!acked) await ack(failedAck(payload, text));
      // Events and button clicks were acknowledged empty (Bolt acks them first): say it another way.
      if (late || payload.kind === 'event_callback' || payload.kind === 'block_actions')
        await this.tell(payload, text);
    } finally {
      clearTimeout(deadline);
      if (!acked) await ack();
    }
  }

  /** A listener's answer that came after the deadline's acknowledgement: delivered another way. */
  private async answerLate({ kind, p }: SlackPayload, response: unknown): Promise<void> {
    if (!response || typeof response !== 'object') return;
    try {
      if (kind === 'command' && p.response_url) await respond(p.response_url, response);
      const update = response as { response_action?: string; view?: object };
      if (update.response_action === 'update' && kind === 'view_submission' && p.view.id && this.app)
        await this.app.client.views.update({ view_id: p.view.id, view: update.view as never });
    } catch (error) {
      this.log.warn({ err: error }, 'A late Slack answer could not be delivered');
    }
  }

  private async tell(payload: SlackPayload, text: string): Promise<void> {
    if (!this.app) return;
    await tellLater(this.app.client, payload, text).catch((error: Error) =>
      this.log.warn({ err: error }, 'Could not tell the person their Slack request failed'),
    );
  }
}

function readRaw(req: restify.Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string): Record<string, unknown> | undefined {
  try {
    if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const form = Object.fromEntries(new URLSearchParams(raw));
    // Interactivity arrives as a form with one field, payload, holding JSON.
    return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Record<string, unknown>) : form;
  } catch {
    return undefined;
  }
}

function send(res: restify.Response, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
