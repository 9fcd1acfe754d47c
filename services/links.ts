import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed links to what the bot serves over the web (exports, charts, calendar files): chat cards can
 * only link to files, and a link must not let anyone who guesses an id download the answers.
 */
export class Links {
  private readonly secret: Buffer;

  constructor(
    private readonly base: string,
    secret?: string,
  ) {
    // Without a configured secret, links last as long as this process.
    this.secret = secret ? Buffer.from(secret) : randomBytes(32);
  }

  private signature(path: string): string {
    return createHmac('sha256', this.secret).update(path).digest('base64url').slice(0, 32);
  }

  /** An absolute URL for `path` ("/files/consultation/x.csv"). */
  url(path: string): string {
    return `${this.base.replace(/\/$/, '')}${path}?sig=${this.signature(path)}`;
  }

  verify(path: string, sig: unknown): boolean {
    if (typeof sig !== 'string') return false;
    const expected = Buffer.from(this.signature(path));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
