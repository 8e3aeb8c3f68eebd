/**
 * The one place configuration is read. Everything comes from the environment (see README),
 * validated once; a bad value stops start-up with a message naming the variable.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { TakedownError } from './core/errors.ts';
import { PORTAL_PROFILES, type PortalProfile } from './core/types.ts';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(/[\s,]+/).filter(Boolean) : []));

const schema = z.object({
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_API_URL: z.url().optional(),
  SLACK_BOT_ID: z.string().optional(),
  SLACK_BOT_USER_ID: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PORTAL_URL: z.url().default('https://ipp.alibabagroup.com'),
  PORTAL_USER: z.string().optional(),
  PORTAL_PASSWORD: z.string().optional(),
  PORTAL_PROFILE: z
    .enum(Object.keys(PORTAL_PROFILES) as [PortalProfile, ...PortalProfile[]])
    .default('aliprotect'),
  DB_PATH: z.string().default('./data/takedown.db'),
  SESSION_DIR: z.string().default('./data/sessions'),
  ARTIFACT_DIR: z.string().default('./data/artifacts'),
  CHROMIUM_PATH: z.string().optional(),
  HEADLESS: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  DIGEST_CHANNEL: z.string().optional(),
  DIGEST_CRON: z.string().default('0 9 * * 1-5'),
  SYNC_CRON: z.string().default('0 */2 * * *'),
  TZ: z.string().default('UTC'),
  HOLIDAYS: csv,
  APPROVERS: csv,
  /** A Slack user group (id, e.g. S0123ABC) whose members may approve, besides APPROVERS. */
  APPROVER_GROUP: z.string().optional(),
  /** Four eyes: the person who asked cannot approve their own request. */
  FOUR_EYES: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = ReturnType<typeof loadConfig>;

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(explicit?: string): string {
  if (explicit) return explicit;
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new TakedownError('config', 'No Chromium was found on this machine.', {
      hint: 'Install it (`apt-get install chromium`, or run `bash scripts/setup.sh`) or set CHROMIUM_PATH.',
    });
  }
  return found;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new TakedownError('config', `The configuration is not valid: ${lines.join('; ')}.`, {
      hint: 'Fix these environment variables (see README, Configuration).',
    });
  }
  const c = parsed.data;
  return {
    slack: {
      botToken: c.SLACK_BOT_TOKEN,
      signingSecret: c.SLACK_SIGNING_SECRET,
      appToken: c.SLACK_APP_TOKEN,
      apiUrl: c.SLACK_API_URL,
      botId: c.SLACK_BOT_ID,
      botUserId: c.SLACK_BOT_USER_ID,
      port: c.PORT,
      approvers: c.APPROVERS,
      approverGroup: c.APPROVER_GROUP,
      fourEyes: c.FOUR_EYES,
    },
    portal: {
      url: c.PORTAL_URL.replace(/\/+$/, ''),
      user: c.PORTAL_USER,
      password: c.PORTAL_PASSWORD,
      profile: c.PORTAL_PROFILE,
      chunkLimit: PORTAL_PROFILES[c.PORTAL_PROFILE],
      sessionDir: c.SESSION_DIR,
      artifactDir: c.ARTIFACT_DIR,
      chromiumPath: c.CHROMIUM_PATH,
      headless: c.HEADLESS,
    },
    dbPath: c.DB_PATH,
    digest: {
      channel: c.DIGEST_CHANNEL,
      cron: c.DIGEST_CRON,
      syncCron: c.SYNC_CRON,
      tz: c.TZ,
      holidays: c.HOLIDAYS,
    },
    limits: { maxFileBytes: c.MAX_FILE_BYTES, maxRows: c.MAX_ROWS },
    logLevel: c.LOG_LEVEL,
  };
}

/**
 * What `takedown serve` needs beyond the defaults, all checked at once so that one run names every
 * missing or wrong variable. Returns the config unchanged when it is complete.
 */
export function requireServeConfig(config: Config): Config {
  const problems: string[] = [];
  const { slack, portal } = config;
  if (!slack.botToken) problems.push('SLACK_BOT_TOKEN is not set (the Bot User OAuth Token, xoxb-…)');
  else if (!slack.botToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN does not start with xoxb- (use the Bot User OAuth Token)');
  if (!slack.signingSecret && !slack.appToken) {
    problems.push(
      'neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode, xapp-…) is set',
    );
  } else if (slack.appToken && !slack.appToken.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN does not start with xapp- (an app-level token with connections:write)');
  }
  if (!portal.user) problems.push('PORTAL_USER is not set (the portal account that files complaints)');
  if (!portal.password) problems.push('PORTAL_PASSWORD is not set');
  if (problems.length > 0) {
    throw new TakedownError('config', `takedown serve cannot start: ${problems.join('; ')}.`, {
      hint: 'Set these environment variables (README, Configuration) and start it again.',
    });
  }
  return config;
}
