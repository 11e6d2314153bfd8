// The one logger. Redacts secrets and personal data by key, wherever they appear.
import { pino, type Logger as PinoLogger, type LoggerOptions } from 'pino';

export type Logger = PinoLogger;

const REDACTED_KEYS = [
  'token', 'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'secret', 'apiKey', 'authorization',
  'phone', 'applicantPhone', 'applicant_phone', 'applicantName', 'applicant_name', 'name',
];

export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), 'req.headers.authorization', 'req.headers["x-telegram-bot-api-secret-token"]'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that drops everything, for tests and one-shot CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
