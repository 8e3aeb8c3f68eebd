/**
 * One run at a time per job: a trigger that arrives while the job is still running is skipped and
 * logged, never queued or run alongside. Failures are logged, not thrown, so a schedule keeps going.
 */
import { userText } from '../core/errors.ts';
import type { TaskLogger } from './tasks.ts';

export type RunOutcome = 'done' | 'skipped' | 'failed';

export interface ExclusiveJob<A extends unknown[]> {
  run(...args: A): Promise<RunOutcome>;
  /** Settles when no run is in progress. */
  idle(): Promise<void>;
}

export function exclusive<A extends unknown[]>(
  name: string,
  job: (...args: A) => Promise<unknown>,
  logger: TaskLogger,
): ExclusiveJob<A> {
  let busy = false;
  let current: Promise<RunOutcome> = Promise.resolve('done');
  return {
    run(...args: A): Promise<RunOutcome> {
      if (busy) {
        logger.warn({ task: name }, `${name}: the previous run is still going, this run is skipped`);
        return Promise.resolve('skipped');
      }
      busy = true;
      current = (async (): Promise<RunOutcome> => {
        try {
          const result = await job(...args);
          logger.info({ task: name, result }, `${name}: run finished`);
          return 'done';
        } catch (err) {
          logger.error({ task: name, err }, `${name} failed: ${userText(err)}`);
          return 'failed';
        } finally {
          busy = false;
        }
      })();
      return current;
    },
    async idle(): Promise<void> {
      await current;
    },
  };
}
