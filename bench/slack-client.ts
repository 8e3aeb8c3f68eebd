/**
 * The Slack side of the ack bench, in a process of its own so that the app's work after an ack cannot delay
 * reading the answer: it signs each body as Slack does, posts it, and reports the time to the HTTP answer.
 * With `paced`, it waits for the parent's "next" before each further request.
 */
import { signatureHeaders } from '../src/sandbox/slack/signing.ts';

interface Job {
  url: string;
  secret: string;
  bodies: string[];
  paced: boolean;
}

const send = (msg: unknown) => process.send?.(msg);
let release: (() => void) | null = null;

process.on('message', async (msg: Job | 'next') => {
  if (msg === 'next') {
    release?.();
    return;
  }
  for (const [i, body] of msg.bodies.entries()) {
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      ...signatureHeaders(msg.secret, body),
    };
    const started = performance.now();
    const res = await fetch(msg.url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    const ms = performance.now() - started;
    if (res.status !== 200) {
      send({ error: `answered ${res.status}` });
      return;
    }
    send({ i, ms });
    if (msg.paced && i < msg.bodies.length - 1) await new Promise<void>((r) => (release = r));
  }
  send({ done: true });
});
