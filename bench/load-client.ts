/**
 * The Slack side of the load bench, in a process of its own so that the app's work cannot delay reading the
 * answers: it signs every body as Slack does, sends them all at once, and reports each one's time to the
 * HTTP answer and its status (0 when there was no answer).
 */
import { signatureHeaders } from '../src/sandbox/slack/signing.ts';

interface Job {
  url: string;
  secret: string;
  bodies: string[];
}

export interface LoadAnswer {
  ms: number;
  status: number;
}

process.once('message', async (job: Job) => {
  const answers = await Promise.all(
    job.bodies.map(async (body): Promise<LoadAnswer> => {
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        ...signatureHeaders(job.secret, body),
      };
      const started = performance.now();
      try {
        const res = await fetch(job.url, { method: 'POST', headers, body });
        await res.arrayBuffer();
        return { ms: performance.now() - started, status: res.status };
      } catch {
        return { ms: performance.now() - started, status: 0 };
      }
    }),
  );
  process.send?.(answers);
});
