import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const db = globalThis.__EMBEDDED_DB__;
  if (!db) return;
  await db.server.stop();
  rmSync(db.dir, { recursive: true, force: true });
}
