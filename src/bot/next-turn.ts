/**
 * The work a request starts after its ack (intake, SQLite, rendering) is synchronous for tens of
 * milliseconds. When 50 requests arrive together, running all of it back to back delays the acks of the
 * requests still waiting to be read past Slack's 3 s. Each piece of such work first waits for its turn:
 * one piece per turn of the event loop, in arrival order, so requests that arrived meanwhile are read and
 * acked in between.
 */
import { setImmediate as afterIo } from 'node:timers/promises';

let last: Promise<unknown> = Promise.resolve();

/** Resolves one event-loop turn after the previous caller's turn (FIFO). */
export function nextTurn(): Promise<void> {
  const mine = last.then(() => afterIo());
  last = mine;
  return mine;
}
