import type { z } from 'zod';

/** Turns zod's issues on environment variables into one sentence per variable, naming the value. */
export function describeIssues(error: z.ZodError, input: Record<string, unknown>): string[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const got = key in input ? ` (got "${String(input[key])}")` : '';
    const message =
      issue.code === 'invalid_value' ? `${key} must be one of: ${issue.values.join(', ')}` : issue.message;
    return `${message.startsWith(key) ? message : `${key}: ${message}`}${got}`;
  });
}
