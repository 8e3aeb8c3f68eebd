/** Runs the `takedown` command as an installed command is run: its own process, only the environment given. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/takedown.js', import.meta.url));

export interface CommandResult {
  /** The exit code; null when the command was still running after `giveUpMs` and was stopped. */
  code: number | null;
  out: string;
  err: string;
}

export function takedown(
  args: string[],
  env: Record<string, string> = {},
  options: { giveUpMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let stillRunning = false;
    const timer =
      options.giveUpMs === undefined
        ? undefined
        : setTimeout(() => {
            stillRunning = true;
            child.kill('SIGKILL');
          }, options.giveUpMs);
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: stillRunning ? null : code, out, err });
    });
  });
}
