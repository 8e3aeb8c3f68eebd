import pino from 'pino';

/** The app's logger. Secrets are redacted wherever they appear under these keys. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info') {
  return pino({
    level,
    redact: {
      paths: [
        '*.token',
        '*.botToken',
        '*.password',
        '*.signingSecret',
        '*.appToken',
        'password',
        'token',
        'headers.authorization',
        '*.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
