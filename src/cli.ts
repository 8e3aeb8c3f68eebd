#!/usr/bin/env node
/** The `takedown` command: serve, sim, demo, login, withdraw, check-urls. */
import { portalUnavailableInTerminal } from './automation/failures.ts';
import { TakedownError } from './core/errors.ts';

const USAGE = `Usage: takedown <command> [options]

Commands:
  serve                      run the Slack app, the filing worker and the scheduler (configured by the environment)
  demo                       the whole job on embedded stand-ins: /takedown, approval, filing in Chromium, digest
  sim [--port N] [--seed N] [faults…]
                             run the AliProtect portal simulator alone (takedown sim --help lists the faults)
  login [--headless] [--wait-minutes N]
                             sign in to the portal by hand in a browser window (slider checks); waiting batches resume
  withdraw <case> [--listing URL]…
                             withdraw a complaint (all its listings, or the ones named) in the portal's History
  check-urls [FILE…|-] [--json] [--offline] [-- FILE…]
                             check listing links (files, or standard input) without filing anything
  digest --print [--chart FILE.png]
                             print the digest as it would be posted now (nothing is posted)
  export [--since YYYY-MM-DD] [--out FILE.csv]
                             every case as CSV, safe to open in a spreadsheet
  help                       this text
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      // Every setting is checked, and every problem reported at once, before anything starts or is written.
      const { loadServeConfig } = await import('./config.ts');
      const config = loadServeConfig();
      const { startTakedown } = await import('./server.ts');
      // A signal stops the app; if stopping hangs (Slack unreachable, a page that never loads), exit anyway.
      const stopping = new Promise<void>((resolve) => {
        for (const sig of ['SIGINT', 'SIGTERM'] as const) {
          process.once(sig, () => {
            setTimeout(() => process.exit(0), 10_000).unref();
            resolve();
          });
        }
      });
      const td = await Promise.race([startTakedown(config), stopping.then(() => null)]);
      await stopping;
      await td?.stop();
      // Node would wait for Slack client retries still pending; the app is stopped, so leave now.
      return process.exit(0);
    }
    case 'sim': {
      const { runSimulatorCli } = await import('./sandbox/portal/cli.ts');
      return runSimulatorCli(rest);
    }
    case 'demo': {
      const { runDemo } = await import('./sandbox/demo.ts');
      return runDemo(rest);
    }
    case 'login': {
      const { runLogin } = await import('./cli/login.ts');
      return runLogin(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
    }
    case 'withdraw': {
      const { runWithdraw } = await import('./cli/withdraw.ts');
      return runWithdraw(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
    }
    case 'check-urls': {
      const { runCheckUrls } = await import('./cli/check-urls.ts');
      return runCheckUrls(rest, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
    }
    case 'digest': {
      const { runDigestCli } = await import('./cli/digest.ts');
      return runDigestCli(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
    }
    case 'export': {
      const { runExportCli } = await import('./cli/export.ts');
      return runExportCli(rest, { stdout: process.stdout, stderr: process.stderr, env: process.env });
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`takedown: unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

// Output piped to a reader that stops early (`takedown check-urls … | head`): stop quietly, as a
// command-line tool does, instead of an unhandled EPIPE error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof TakedownError ? err : fromSystemError(err);
    if (known) process.stderr.write(forTerminal(known));
    else
      process.stderr.write(
        `takedown: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
    process.exitCode = 2;
  },
);

/**
 * A refusal for the terminal, prefixed with "takedown" once (a message that already begins with the
 * command, as "takedown serve cannot start: …" does, gets no second prefix); a usage text goes on lines of
 * its own after the message. A portal that did not answer is said with the terminal's remedy (run the
 * command again) instead of Slack's (press Retry).
 */
function forTerminal(error: TakedownError): string {
  const err = error.code === 'portal_unavailable' ? portalUnavailableInTerminal(error) : error;
  const prefix = err.userMessage.startsWith('takedown ') ? '' : 'takedown: ';
  if (err.hint?.startsWith('Usage:')) return `${prefix}${err.userMessage}\n\n${err.hint.trimEnd()}\n`;
  return `${prefix}${err.forUser}\n`;
}

/** Node's and SQLite's common errors, said as a person would want to read them. */
function fromSystemError(err: unknown): TakedownError | null {
  const e = err as { code?: string; path?: string; port?: number; message?: string };
  switch (e?.code) {
    case 'ENOENT':
      return new TakedownError('bad_input', `There is no such file or folder: ${e.path}.`, {
        hint: 'Check the path.',
      });
    case 'EISDIR':
      return new TakedownError('bad_input', `${e.path} is a folder.`, {
        hint: 'Give a file name inside it.',
      });
    case 'EACCES':
    case 'EPERM':
      return new TakedownError('bad_input', `Permission denied: ${e.path}.`, {
        hint: 'Choose a path you may write to.',
      });
    case 'EADDRINUSE':
      return new TakedownError('config', `Port ${e.port} is already in use.`, {
        hint: 'Stop what uses it, or choose another port.',
      });
    case 'SQLITE_NOTADB':
      return new TakedownError('config', 'The database file is not a takedown database.', {
        hint: 'Check DB_PATH: it must name the SQLite file takedown created, or a path where it may create one.',
      });
    default:
      return null;
  }
}
