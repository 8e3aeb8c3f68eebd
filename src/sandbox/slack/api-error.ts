import type { JsonObject } from './block-kit.ts';

/** A Web API refusal: answered as `{ ok: false, error, ...extra }`, exactly as Slack shapes it. */
export class SlackApiError extends Error {
  readonly error: string;
  readonly extra: JsonObject;

  constructor(error: string, extra: JsonObject = {}) {
    super(error);
    this.name = 'SlackApiError';
    this.error = error;
    this.extra = extra;
  }

  /** `invalid_blocks`/`invalid_arguments` carry Slack's per-field messages. */
  static withMessages(error: string, messages: string[]): SlackApiError {
    return new SlackApiError(error, {
      errors: messages,
      response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
    });
  }
}
