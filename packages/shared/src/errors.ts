// Error codes of the hub's API and their HTTP statuses (API.md, Errors).
import { z } from 'zod';

export const ERROR_STATUS = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_attempts: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** A failure the hub reports to a caller; anything else is a bug (500). */
export class LuotError extends Error {
  readonly code: ErrorCode;
  /** For 429: when to try again (the Retry-After header). */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'LuotError';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Turns zod issues into one line that names each field: "serviceId: required". */
export function describeZodError(error: z.ZodError, root = 'body'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : root;
      let message = issue.message;
      if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
        message = 'required';
      } else if (issue.code === 'unrecognized_keys') {
        message = `unknown field(s) ${issue.keys.join(', ')}`;
      }
      return `${path}: ${message}`;
    })
    .join('; ');
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, root = 'body'): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new LuotError('validation_failed', describeZodError(result.error, root));
  return result.data;
}
