/**
 * A Playwright trace of each portal step (actions and DOM snapshots), thrown away when the step
 * succeeds and kept on disk when it failed because the portal changed, for the developer who fixes it.
 * The sign-in is never recorded (the driver starts the step's trace once signed in), and a kept trace is
 * rewritten without the session's cookies (trace-scrub.ts); traces are 0600 in a 0700 folder.
 */
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright';
import { scrubTrace } from './trace-scrub.ts';

export class StepTrace {
  private recording = false;

  private constructor(
    private readonly context: BrowserContext,
    private readonly artifactDir: string,
  ) {}

  static async start(context: BrowserContext, artifactDir: string): Promise<StepTrace> {
    await context.tracing.start({ screenshots: false, snapshots: true });
    return new StepTrace(context, artifactDir);
  }

  /** Starts recording a step (a step still recording is thrown away). */
  async begin(): Promise<void> {
    await this.discard();
    await this.context.tracing.startChunk();
    this.recording = true;
  }

  async discard(): Promise<void> {
    if (!this.recording) return;
    this.recording = false;
    await this.context.tracing.stopChunk().catch(() => undefined);
  }

  /** Saves the step's trace as a zip (open it with `npx playwright show-trace`); returns its path. */
  async keep(step: string): Promise<string> {
    if (!this.recording) return '(no trace was recording)';
    this.recording = false;
    const slug = step
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .slice(0, 60);
    const path = join(
      this.artifactDir,
      `portal-${new Date().toISOString().replace(/[:.]/g, '-')}-${slug}.trace.zip`,
    );
    try {
      await mkdir(this.artifactDir, { recursive: true, mode: 0o700 });
      await this.context.tracing.stopChunk({ path });
      await chmod(path, 0o600);
      await scrubTrace(path);
      return path;
    } catch {
      await rm(path, { force: true });
      return '(no trace: it could not be saved)';
    }
  }
}
