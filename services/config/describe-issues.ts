import type { z } from 'zod';

const SECRET = /TOKEN|SECRET|PASSWORD/i;

/** Turns zod's issues on environment variables into one sentence per variable, naming the value. */
export function describeIssues(error: z.ZodError, input: Record<string, unknown>): string[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    // A secret is not echoed: the message goes to the log, and a short token is still a secret.
    const got = key in input && !SECRET.test(key) ? ` (got "${String(input[key])}")` : '';
    const message =
      issue.code === 'invalid_value' ? `${key} must be one of: ${issue.values.join(', ')}` : issue.message;
    return `${message.startsWith(key) ? message : `${key}: ${message}`}${got}`;
  });
}
