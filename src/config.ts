/**
 * The one place configuration is read. Everything comes from the environment (see README), validated
 * once, every variable at the same time: a bad value stops the command with one message that names each
 * wrong variable, what was given and what a valid value looks like.
 */
import { existsSync } from 'node:fs';
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { assertTimeZone, parseHolidays } from './core/business-days.ts';
import { TakedownError } from './core/errors.ts';
import { PORTAL_PROFILES, type PortalProfile } from './core/types.ts';

/** Why a value is not valid, and what a valid one looks like: what a check returns instead of a value. */
class Wrong {
  constructor(
    readonly wrong: string,
    readonly valid: string,
  ) {}
}

/** A value as the report quotes it: in double quotes, control characters escaped, long values cut. */
function quoted(raw: string): string {
  return JSON.stringify(raw.length > 120 ? `${raw.slice(0, 117)}...` : raw);
}

/**
 * A variable read by `check`; unset or blank, it is `fallback`. A value that is not valid becomes one
 * line of the report: "what is wrong (got "value"); what a valid value looks like".
 */
function setting<T>(fallback: T, check: (value: string) => T | Wrong) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const out = check(raw.trim());
      if (!(out instanceof Wrong)) return out;
      ctx.addIssue({ code: 'custom', message: `${out.wrong} (got ${quoted(raw)}); ${out.valid}` });
      return z.NEVER;
    });
}

/** A whole number from `min` to `max` (no upper bound when `max` is not given). */
function wholeNumber(valid: string, min: number, max?: number) {
  return (v: string): number | Wrong => {
    const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= (max ?? n)) return n;
    return new Wrong(
      max === undefined
        ? `not a whole number of at least ${min}`
        : `not a whole number from ${min} to ${max}`,
      valid,
    );
  };
}

function oneOf<const T extends string>(options: readonly T[], wrong: string, valid: string) {
  return (v: string): T | Wrong =>
    (options as readonly string[]).includes(v) ? (v as T) : new Wrong(wrong, valid);
}

function yesNo(v: string): boolean | Wrong {
  const out = oneOf(['true', 'false', '1', '0'], 'neither true nor false', 'use true or false')(v);
  return out instanceof Wrong ? out : out === 'true' || out === '1';
}

function webAddress(example: string) {
  return (v: string): string | Wrong => {
    const url = URL.canParse(v) ? new URL(v) : null;
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return v;
    return new Wrong('not an http(s) address', `use a full address like "${example}"`);
  };
}

function cron(example: string) {
  return (v: string): string | Wrong =>
    isCronExpression(v)
      ? v
      : new Wrong(
          'not a cron expression',
          `use five fields like "${example}" (minute hour day-of-month month day-of-week)`,
        );
}

/** The check the digest makes of a zone, made before anything starts. */
function timeZone(v: string): string | Wrong {
  try {
    assertTimeZone(v);
    return v;
  } catch {
    return new Wrong(
      'not a time zone Node knows',
      'use an IANA zone name like "Europe/Berlin", "America/New_York" or "UTC"',
    );
  }
}

const splitList = (v: string) => v.split(/[\s,]+/).filter(Boolean);

/** The holidays as the digest reads them: each must be a real YYYY-MM-DD day. */
function holidays(v: string): string[] | Wrong {
  const days = splitList(v);
  const bad = days.filter((day) => {
    try {
      parseHolidays([day]);
      return false;
    } catch {
      return true;
    }
  });
  if (bad.length === 0) return days;
  return new Wrong(
    bad.length === 1
      ? `${quoted(bad[0] as string)} is not a date`
      : `${bad.slice(0, -1).map(quoted).join(', ')} and ${quoted(bad.at(-1) as string)} are not dates`,
    'write each holiday as YYYY-MM-DD, separated by commas, like "2025-12-25,2026-01-01"',
  );
}

const text = z.string().optional();
const PORT_VALID = 'use a port like "3000"';

const schema = z.object({
  SLACK_BOT_TOKEN: text,
  SLACK_SIGNING_SECRET: text,
  SLACK_APP_TOKEN: text,
  SLACK_API_URL: setting(undefined, webAddress('https://slack.com/api/')),
  SLACK_BOT_ID: text,
  SLACK_BOT_USER_ID: text,
  /** 0 (any free port) only for the demo and tests, which pass it themselves; `serve` wants 1–65535. */
  PORT: setting(3000, wholeNumber(PORT_VALID, 0, 65535)),
  PORTAL_URL: setting('https://ipp.alibabagroup.com', webAddress('https://ipp.alibabagroup.com')),
  PORTAL_USER: text,
  PORTAL_PASSWORD: text,
  PORTAL_PROFILE: setting<PortalProfile>(
    'aliprotect',
    oneOf(
      Object.keys(PORTAL_PROFILES) as PortalProfile[],
      'not a portal profile',
      'use aliprotect (200 links a submission) or ipp (300)',
    ),
  ),
  DB_PATH: setting('./data/takedown.db', (v) => v),
  SESSION_DIR: setting('./data/sessions', (v) => v),
  ARTIFACT_DIR: setting('./data/artifacts', (v) => v),
  CHROMIUM_PATH: text,
  HEADLESS: setting(true, yesNo),
  DIGEST_CHANNEL: text,
  DIGEST_CRON: setting('0 9 * * 1-5', cron('0 9 * * 1-5')),
  SYNC_CRON: setting('0 */2 * * *', cron('0 */2 * * *')),
  TZ: setting('UTC', timeZone),
  HOLIDAYS: setting<string[]>([], holidays),
  APPROVERS: setting<string[]>([], splitList),
  /** A Slack user group (id, e.g. S0123ABC) whose members may approve, besides APPROVERS. */
  APPROVER_GROUP: text,
  /** Four eyes: the person who asked cannot approve their own request. */
  FOUR_EYES: setting(false, yesNo),
  MAX_FILE_BYTES: setting(
    20 * 1024 * 1024,
    wholeNumber('give the size in bytes, like "20971520" (20 MB)', 1),
  ),
  MAX_ROWS: setting(100_000, wholeNumber('use a count like "100000"', 1)),
  LOG_LEVEL: setting(
    'info',
    oneOf(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'not a log level',
      'use one of fatal, error, warn, info, debug, trace, silent',
    ),
  ),
});

/** `serve` listens where Slack sends its requests: a fixed port, not whichever one is free. */
const serveSchema = schema.extend({ PORT: setting(3000, wholeNumber(PORT_VALID, 1, 65535)) });

const VARIABLES = Object.keys(schema.shape);

/** One line of the report, and the variable it names (for ordering). */
interface Problem {
  variable: string;
  line: string;
}

function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((i) => {
    const variable = String(i.path[0] ?? 'configuration');
    return { variable, line: `${variable}: ${i.message}` };
  });
}

/**
 * The report of every problem at once, one variable a line in the order the README lists them, under a
 * heading that says what to do: "<heading>: <todo> the environment variable(s) below (README, …)".
 */
function report(heading: string, todo: string, problems: Problem[]): TakedownError {
  const order = (p: Problem) => {
    const at = VARIABLES.indexOf(p.variable);
    return at < 0 ? VARIABLES.length : at;
  };
  const lines = [...problems].sort((a, b) => order(a) - order(b)).map((p) => `  ${p.line}`);
  const variables = problems.length === 1 ? 'environment variable' : 'environment variables';
  return new TakedownError(
    'config',
    `${heading}: ${todo} the ${variables} below (README, Configuration) and run it again.\n${lines.join('\n')}`,
  );
}

export type Config = ReturnType<typeof toConfig>;

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

/** The configuration from the environment; throws one TakedownError naming every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw report('The configuration is not valid', 'fix', problemsOf(parsed.error));
  return toConfig(parsed.data);
}

/**
 * The configuration for `takedown serve`: every invalid variable and everything serve needs that is
 * missing, in one report, before anything is started or written.
 */
export function loadServeConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = serveSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : problemsOf(parsed.error)),
    ...missingForServe({
      botToken: env.SLACK_BOT_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      appToken: env.SLACK_APP_TOKEN,
      user: env.PORTAL_USER,
      password: env.PORTAL_PASSWORD,
    }),
  ];
  if (!parsed.success || problems.length > 0) throw report(SERVE_CANNOT_START, 'set or fix', problems);
  return toConfig(parsed.data);
}

function toConfig(c: z.output<typeof schema>) {
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

const SERVE_CANNOT_START = 'takedown serve cannot start';

/** What serve needs beyond the defaults. Secrets are never quoted back. */
function missingForServe(s: {
  botToken?: string | undefined;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
}): Problem[] {
  const problems: Problem[] = [];
  const add = (variable: string, line: string) => problems.push({ variable, line: `${variable}: ${line}` });
  if (!s.botToken) add('SLACK_BOT_TOKEN', 'not set; set it to the Bot User OAuth Token (xoxb-…)');
  else if (!s.botToken.startsWith('xoxb-'))
    add(
      'SLACK_BOT_TOKEN',
      'does not start with xoxb- (not shown: it is a secret); use the Bot User OAuth Token',
    );
  if (!s.signingSecret && !s.appToken) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      line: 'SLACK_SIGNING_SECRET or SLACK_APP_TOKEN: neither is set; set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode, xapp-…)',
    });
  } else if (s.appToken && !s.appToken.startsWith('xapp-')) {
    add(
      'SLACK_APP_TOKEN',
      'does not start with xapp- (not shown: it is a secret); use an app-level token with connections:write',
    );
  }
  if (!s.user) add('PORTAL_USER', 'not set; set it to the portal account that files complaints');
  if (!s.password) add('PORTAL_PASSWORD', 'not set; set it to the password of PORTAL_USER');
  return problems;
}

/**
 * What `takedown serve` needs beyond the defaults, for a configuration built in code (the demo, tests),
 * all checked at once. Returns the config unchanged when it is complete.
 */
export function requireServeConfig(config: Config): Config {
  const { slack, portal } = config;
  const problems = missingForServe({
    botToken: slack.botToken,
    signingSecret: slack.signingSecret,
    appToken: slack.appToken,
    user: portal.user,
    password: portal.password,
  });
  if (problems.length > 0) throw report(SERVE_CANNOT_START, 'set or fix', problems);
  return config;
}
