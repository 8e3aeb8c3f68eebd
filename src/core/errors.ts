/**
 * The one error type of the app. `userMessage` is what a person in Slack or at a terminal reads:
 * what went wrong and what to do about it. `code` is stable, for logs and tests.
 */
export type ErrorCode =
  | 'bad_input'
  | 'file_too_large'
  | 'file_unreadable'
  | 'too_many_rows'
  | 'not_found'
  | 'not_allowed'
  | 'config'
  | 'portal_refused'
  | 'portal_unavailable'
  | 'portal_changed'
  | 'needs_login'
  | 'internal';

export class TakedownError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, userMessage: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(userMessage, { cause: opts.cause });
    this.name = 'TakedownError';
    this.code = code;
    this.userMessage = userMessage;
    this.hint = opts.hint;
  }

  /** The message and the hint, as one text for a person. */
  get forUser(): string {
    return this.hint ? `${this.userMessage} ${this.hint}` : this.userMessage;
  }
}

/** Any thrown value as user-facing text; unknown errors never leak their internals. */
export function userText(err: unknown): string {
  if (err instanceof TakedownError) return err.forUser;
  return 'Something went wrong on our side. The error was logged; try again, and tell the app admin if it repeats.';
}
