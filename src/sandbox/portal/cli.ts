/** `takedown sim [--port N] [--seed N] [--chunk-limit N]`: the portal simulator alone, until Ctrl-C. */
import { parseArgs } from 'node:util';
import { TakedownError } from '../../core/errors.ts';
import { runPortalSimulator } from './index.ts';

function intOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new TakedownError(
      'bad_input',
      `--${name} must be a whole number from ${min} to ${max}; got "${raw}".`,
    );
  }
  return n;
}

export async function runSimulatorCli(args: string[]): Promise<number> {
  let values: { port?: string | undefined; seed?: string | undefined; 'chunk-limit'?: string | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: 'string' }, seed: { type: 'string' }, 'chunk-limit': { type: 'string' } },
    }));
  } catch (err) {
    throw new TakedownError('bad_input', `takedown sim: ${(err as Error).message}`, {
      hint: 'Usage: takedown sim [--port N] [--seed N] [--chunk-limit N]',
    });
  }
  const port = intOption('port', values.port, 0, 65535);
  const seed = intOption('seed', values.seed, 0, 2 ** 31);
  const chunkLimit = intOption('chunk-limit', values['chunk-limit'], 1, 10_000);
  const sim = await runPortalSimulator({
    ...(port !== undefined ? { port } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(chunkLimit !== undefined ? { chunkLimit } : {}),
  });
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
  });
  await sim.close();
  return 0;
}
