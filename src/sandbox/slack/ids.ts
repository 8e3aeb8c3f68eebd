/** Identifiers shaped like Slack's: `C…`/`F…`/`V…` ids, message timestamps, trigger ids, auto block ids. */
import { randomBytes } from 'node:crypto';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random Slack-style id: a prefix letter and 10 upper-case alphanumerics, e.g. `F07ABCD1234`. */
export function slackId(prefix: string): string {
  const bytes = randomBytes(10);
  let out = prefix;
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}

/** A short id Slack gives blocks and elements that the app left without one (e.g. `aB3x`). */
export function autoElementId(): string {
  return randomBytes(3).toString('base64url');
}

/**
 * Message timestamps: `<seconds>.<microseconds>`, strictly increasing across the whole
 * workspace, as Slack's are within a channel.
 */
export class TsClock {
  private last = 0;

  next(): string {
    const micros = Math.max(Date.now() * 1000, this.last + 1);
    this.last = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }
}

/** A trigger id as Slack sends it with interactions: `<digits>.<digits>.<hex>`. */
export function triggerId(): string {
  const a = Math.floor(Date.now() / 1000);
  const b = Math.floor(Math.random() * 1e12);
  return `${a}.${b}.${randomBytes(16).toString('hex')}`;
}

/** Slack's permalink form of a ts: `p` and the digits without the dot. */
export function permalinkTs(ts: string): string {
  return `p${ts.replace('.', '')}`;
}
