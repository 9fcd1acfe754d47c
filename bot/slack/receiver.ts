import { isValidSlackRequest, type App, type Receiver } from '@slack/bolt';
import type restify from 'restify';
import type { Logger } from '../../services/log/logger';

const MAX_BODY = 1024 * 1024;

/**
 * Bolt's receiver on our restify server, so Teams and Slack share one port. It checks the signing
 * secret on the raw body, answers Slack's URL check, drops retries of events it already took, and
 * hands everything else to Bolt with an ack that becomes the HTTP response.
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
      !isValidSlackRequest({
        signingSecret: this.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      })
    ) {
      this.log.warn(
        { ip: req.socket.remoteAddress },
        'Slack request refused: bad, stale or missing signature',
      );
      return send(res, 401, { error: 'invalid signature' });
    }
    const body = parseBody(raw, req.header('content-type') ?? '');
    if (!body) {
      this.log.warn('Slack request refused: body is neither JSON nor a form');
      return send(res, 400, { error: 'unreadable body' });
    }
    if (body.type === 'url_verification') return send(res, 200, { challenge: body.challenge });
    // Slack retries when we were slow; the first delivery was already handled, so answer once.
    if (req.header('x-slack-retry-num')) return send(res, 200, {});

    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      send(res, 200, response ?? '');
    };
    try {
      await this.app?.processEvent({ body, ack });
    } catch (error) {
      this.log.error({ err: error }, 'Slack listener failed');
    }
    // Every Slack request must be acknowledged within 3 s, whatever the listener did.
    if (!acked) await ack();
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
