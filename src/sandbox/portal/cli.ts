/**
 * `takedown sim [--port N] [--seed N] [--chunk-limit N]` plus the faults and outcomes of the portal
 * fighting back: the portal simulator alone, until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { optionProblem } from '../../cli/options.ts';
import { TakedownError } from '../../core/errors.ts';
import type { FaultsInput } from './faults.ts';
import { runPortalSimulator } from './index.ts';
import type { OutcomeMix } from './state.ts';

const USAGE = `Usage: takedown sim [--port N] [--seed N] [--chunk-limit N]
  [--slow-ms N] [--error-rate 0..1] [--maintenance] [--session-ttl-ms N] [--challenge]
  [--rename "Match=Submit Complaint"]… [--outcomes removed=6,rejected=2,counter=2]`;

function bad(message: string): TakedownError {
  return new TakedownError('bad_input', message, { hint: USAGE });
}

function intOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw bad(`--${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return n;
}

function rateOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw bad(`--error-rate must be a number from 0 to 1; got "${raw}".`);
  return n;
}

function renames(raw: string[] | undefined): Record<string, string> | undefined {
  if (!raw?.length) return undefined;
  const out: Record<string, string> = {};
  for (const r of raw) {
    const [from, to] = r.split('=').map((s) => s.trim());
    if (!from || !to) throw bad(`--rename takes "Old label=New label"; got "${r}".`);
    out[from] = to;
  }
  return out;
}

function outcomes(raw: string | undefined): OutcomeMix | undefined {
  if (raw === undefined) return undefined;
  const mix: OutcomeMix = { removed: 0, rejected: 0, counterNotified: 0 };
  const keys: Record<string, keyof OutcomeMix> = {
    removed: 'removed',
    rejected: 'rejected',
    counter: 'counterNotified',
  };
  for (const part of raw.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    const key = keys[k ?? ''];
    const n = Number(v);
    if (!key || !Number.isFinite(n) || n < 0)
      throw bad(`--outcomes takes removed=N,rejected=N,counter=N; got "${raw}".`);
    mix[key] = n;
  }
  return mix;
}

export async function runSimulatorCli(
  args: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Promise<number> {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        'chunk-limit': { type: 'string' },
        'slow-ms': { type: 'string' },
        'error-rate': { type: 'string' },
        maintenance: { type: 'boolean' },
        'session-ttl-ms': { type: 'string' },
        challenge: { type: 'boolean' },
        rename: { type: 'string', multiple: true },
        outcomes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    const problem = optionProblem(err);
    if (problem === null) throw err;
    io.stderr.write(`takedown sim: ${problem}.\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const str = (k: string) => values[k] as string | undefined;
  const port = intOption('port', str('port'), 0, 65535);
  const seed = intOption('seed', str('seed'), 0, 2 ** 31);
  const chunkLimit = intOption('chunk-limit', str('chunk-limit'), 1, 10_000);
  const faults: FaultsInput = {};
  const slowMs = intOption('slow-ms', str('slow-ms'), 0, 120_000);
  if (slowMs !== undefined) faults.slowMs = slowMs;
  const errorRate = rateOption(str('error-rate'));
  if (errorRate !== undefined) faults.errorRate = errorRate;
  if (values.maintenance) faults.maintenance = true;
  const ttl = intOption('session-ttl-ms', str('session-ttl-ms'), 0, 2 ** 31);
  if (ttl !== undefined) faults.sessionTtlMs = ttl;
  if (values.challenge) faults.challenge = true;
  const renamed = renames(values.rename as string[] | undefined);
  if (renamed) faults.renamedButtons = renamed;
  const mix = outcomes(str('outcomes'));
  const sim = await runPortalSimulator({
    ...(port !== undefined ? { port } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(chunkLimit !== undefined ? { chunkLimit } : {}),
    ...(mix ? { outcomes: mix } : {}),
    faults,
  });
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
  });
  await sim.close();
  return 0;
}
