import pino from 'pino';

/** The app's logger (to stdout, or to `destination`). Secrets are redacted wherever they appear under these keys. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream) {
  const options: pino.LoggerOptions = {
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
  };
  return destination ? pino(options, destination) : pino(options);
}

export type Logger = ReturnType<typeof createLogger>;
