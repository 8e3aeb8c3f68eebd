/** What a person sees when a `takedown` subcommand is given an option it lacks, asked for help, or given a bad value. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest.ts';
import { runExportCli } from '../../src/cli/export.ts';
import { runLogin } from '../../src/cli/login.ts';
import { runWithdraw } from '../../src/cli/withdraw.ts';
import { runSimulatorCli } from '../../src/sandbox/portal/cli.ts';
import { takedown } from '../helpers/takedown-cli.ts';

/** Runs a subcommand's function with captured standard output and error. */
async function inProcess(
  run: (io: { stdout: PassThrough; stderr: PassThrough }) => Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await run({ stdout, stderr });
  return { code, out, err };
}

const SUBCOMMANDS = ['sim', 'withdraw', 'login', 'digest', 'export', 'check-urls'];

describe('takedown <subcommand> with an option it does not have', () => {
  it('when each subcommand is given --bogus, it prints one line naming the option once-prefixed, then its usage, and exits 2', async () => {
    const runs = await Promise.all(SUBCOMMANDS.map((cmd) => takedown([cmd, '--bogus'])));
    for (const [i, cmd] of SUBCOMMANDS.entries()) {
      const { code, out, err } = runs[i] ?? { code: null, out: '', err: '' };
      expect(err.split('\n')[0], cmd).toBe(`takedown ${cmd}: unknown option "--bogus".`);
      expect(err, cmd).not.toMatch(/takedown: takedown/);
      expect(err, cmd).toMatch(new RegExp(`^Usage: takedown ${cmd}\\b`, 'm'));
      expect(out, cmd).toBe('');
      expect(code, cmd).toBe(2);
    }
  });

  it('when an option lacks its value or a stray argument is given, it says which, with the usage', async () => {
    const port = await inProcess((io) => runSimulatorCli(['--port'], io));
    expect(port.err.split('\n')[0]).toBe('takedown sim: --port needs a value.');
    const extra = await inProcess((io) => runLogin(['now'], { ...io, env: {} }));
    expect(extra.err.split('\n')[0]).toBe('takedown login: unexpected argument "now".');
    const listing = await inProcess((io) =>
      runWithdraw(['201303080211081192', '--listing'], { ...io, env: {} }),
    );
    expect(listing.err.split('\n')[0]).toBe('takedown withdraw: --listing needs a value.');
    const flag = await inProcess((io) => runSimulatorCli(['--maintenance=yes'], io));
    expect(flag.err.split('\n')[0]).toBe('takedown sim: --maintenance takes no value.');
    for (const r of [port, extra, listing, flag]) {
      expect(r.err).toMatch(/^Usage: takedown /m);
      expect(r.code).toBe(2);
    }
  });

  it('when a subcommand is asked for --help, it prints its usage on standard output and exits 0', async () => {
    const runs = {
      sim: await inProcess((io) => runSimulatorCli(['--help'], io)),
      withdraw: await inProcess((io) => runWithdraw(['--help'], { ...io, env: {} })),
      login: await inProcess((io) => runLogin(['-h'], { ...io, env: {} })),
      digest: await inProcess(async (io) => runDigestCli(['--help'], { ...io, env: {} })),
      export: await inProcess((io) => runExportCli(['--help'], { ...io, env: {} })),
    };
    for (const [cmd, r] of Object.entries(runs)) {
      expect(r.out, cmd).toMatch(new RegExp(`^Usage: takedown ${cmd}\\b`));
      expect(r.err, cmd).toBe('');
      expect(r.code, cmd).toBe(0);
    }
  });

  it('a value the subcommand refuses is said once, with the usage on lines of its own', async () => {
    const { code, err } = await takedown(['sim', '--error-rate', '1.5']);
    expect(err.split('\n')[0]).toBe('takedown: --error-rate must be a number from 0 to 1; got "1.5".');
    expect(err).toMatch(/^Usage: takedown sim /m);
    expect(code).toBe(2);
  });
});
