// `npm run chat`: talk to the running bot from a terminal, over the real Bot Framework protocol.
// It plays the part of the Bot Connector: it posts your messages to /api/messages with a
// serviceUrl pointing at itself, and prints the replies the bot sends there.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline/promises';
import { cardText } from './card-text';

const botUrl = process.env.BOT_URL ?? `http://localhost:${process.env.PORT ?? 3978}/api/messages`;

async function main(): Promise<void> {
  const connector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
          text?: string;
          attachments?: { content?: unknown }[];
        };
        if (activity.text) console.log(`\nbot> ${activity.text}`);
        for (const attachment of activity.attachments ?? [])
          console.log(`\n${cardText(attachment.content).join('\n')}`);
      } catch {
        console.log('\n(bot sent something that is not JSON)');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${Date.now()}` }));
      prompt();
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}`;
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const prompt = () => {
    terminal.setPrompt('you> ');
    terminal.prompt();
  };

  console.log(
    `Talking to ${botUrl}. Try "status of ED.1", "what are the strategic aims?" or "help". Ctrl+D quits.`,
  );
  let n = 0;
  prompt();
  for await (const line of terminal) {
    const text = line.trim();
    if (!text) {
      prompt();
      continue;
    }
    n++;
    const activity = {
      type: 'message',
      id: `chat-${n}`,
      text,
      channelId: 'emulator',
      serviceUrl,
      from: { id: 'terminal-user', name: process.env.USER ?? 'Terminal user' },
      recipient: { id: 'golden-thread', name: 'Golden Thread' },
      conversation: { id: 'terminal-chat', conversationType: 'personal' },
      timestamp: new Date().toISOString(),
    };
    try {
      const res = await fetch(botUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      if (res.status >= 300)
        console.log(`(the bot answered HTTP ${res.status}: is it running in local mode?)`);
    } catch {
      console.log(`(cannot reach ${botUrl} — start the bot with "npm start" first)`);
      prompt();
    }
  }
  connector.close();
}

void main();
