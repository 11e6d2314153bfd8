// The environment, parsed once by the composition root. Nothing else reads process.env.
import net from 'node:net';
import cron from 'node-cron';
import { z } from 'zod';
import { DEFAULT_OFFICE_HOURS_TEXT, OfficeHoursError, parseOfficeHours } from './office-hours';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? fallback : v))
    .pipe(z.url())
    .default(fallback)
    .transform((v) => v.replace(/\/+$/, ''));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A cron expression, checked here so a typo stops `serve` before it listens or schedules anything. */
const cronExpression = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => cron.validate(v), `is not a valid cron expression: five fields, minute hour day-of-month month day-of-week, in Vietnam time (e.g. "${fallback}")`);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyEntryValid(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = net.isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Which proxies' X-Forwarded-For to believe: a hop count ("1": the one proxy in front), or
 * addresses, CIDR subnets and loopback/linklocal/uniquelocal, comma-separated (express's
 * `trust proxy`). Default loopback: a proxy on the same machine.
 */
const trustProxy = z
  .string()
  .trim()
  .default('loopback')
  .transform((value, ctx): number | string[] => {
    if (/^\d+$/.test(value)) return Number(value);
    const entries = (value === '' ? 'loopback' : value).split(',').map((e) => e.trim()).filter((e) => e !== '');
    if (entries.length === 0 || !entries.every(proxyEntryValid)) {
      ctx.addIssue({ code: 'custom', message: 'must be a hop count or a comma-separated list of addresses, CIDR subnets, loopback, linklocal or uniquelocal' });
      return z.NEVER;
    }
    return entries;
  });

/** The desks' office hours, Vietnam time: what hour counts and the due hour of day counts rest on. */
const officeHours = z
  .string()
  .trim()
  .default(DEFAULT_OFFICE_HOURS_TEXT)
  .transform((value, ctx) => {
    try {
      return parseOfficeHours(value === '' ? DEFAULT_OFFICE_HOURS_TEXT : value);
    } catch (error) {
      if (!(error instanceof OfficeHoursError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message.replace(/^office hours: /, '') });
      return z.NEVER;
    }
  });

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('sqlite:./data/motcua.db'),
  PROCEDURES_DIR: z.string().default('./procedures'),
  PUBLIC_BASE_URL: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxy,
  /** Bearer token for GET /metrics; unset, the route answers 404. */
  METRICS_TOKEN: optionalString,
  /** Web chat messages one client (address, IPv6 /64) may send per minute. */
  CHAT_MESSAGES_PER_MINUTE: positiveInt(30),
  /** Daily housekeeping: prunes rate-limit, chat-activity and seen-id rows older than this. */
  HOUSEKEEPING_CRON: cronExpression('17 3 * * *'),
  HOUSEKEEPING_RETENTION_DAYS: positiveInt(30),
  /** Unanswered questions and 👍/👎 marks are kept this long (then pruned by the housekeeping). */
  FEEDBACK_RETENTION_DAYS: positiveInt(90),

  /** Office periods of a working day (Vietnam time): hour counts run in them; day counts fall due at the last closing. */
  OFFICE_HOURS: officeHours,
  ALERT_CRON: cronExpression('0 8 * * *'),
  ALERT_NEAR_DUE_DAYS: z.coerce.number().int().min(0).default(1),
  ALERT_ESCALATE_DAYS: z.coerce.number().int().min(0).default(3),
  DISPATCH_INTERVAL_MS: positiveInt(1000),
  TELEGRAM_RATE_PER_SECOND: positiveInt(30),
  ZALO_RATE_PER_SECOND: positiveInt(10),
  /** Outbox: how long an official's alert, and a citizen's status message, is retried before it becomes a dead letter. */
  OUTBOX_ALERT_MAX_AGE_HOURS: positiveInt(48),
  OUTBOX_STATUS_MAX_AGE_HOURS: positiveInt(168),
  /** Outbox: the longest wait between two attempts (exponential backoff stops growing here). */
  OUTBOX_RETRY_MAX_SECONDS: positiveInt(600),
  /** Webhook events a crash left unanswered are replayed at start-up unless older than this. */
  WEBHOOK_REPLAY_MAX_AGE_HOURS: positiveInt(24),

  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_API_ROOT: url('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_BOT_USERNAME: optionalString,

  ZALO_APP_ID: optionalString,
  ZALO_APP_SECRET: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_ACCESS_TOKEN: optionalString,
  ZALO_REFRESH_TOKEN: optionalString,
  ZALO_API_ROOT: url('https://openapi.zalo.me'),
  ZALO_OAUTH_ROOT: url('https://oauth.zaloapp.com'),
  /** Zalo events signed more than this far from now (either way) are refused: replays. */
  ZALO_EVENT_WINDOW_SECONDS: positiveInt(600),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly keys: readonly string[], details: string) {
    super(`config: ${details}`);
  }
}

/** Parses the environment. Errors name the keys and the rule, never the values. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const keys = result.error.issues.map((issue) => issue.path.join('.'));
    const details = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(keys, details);
  }
  const config = result.data;
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError(['TELEGRAM_WEBHOOK_SECRET'], 'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set');
  }
  return config;
}

/** The configured values that must never reach a log line (the logger removes them verbatim). */
export function configSecrets(config: Config): string[] {
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]+:([^@]+)@/i.exec(config.DATABASE_URL)?.[1];
  return [
    config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_WEBHOOK_SECRET, config.METRICS_TOKEN,
    config.ZALO_APP_SECRET, config.ZALO_OA_SECRET_KEY, config.ZALO_ACCESS_TOKEN, config.ZALO_REFRESH_TOKEN, password,
  ].filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** Zalo is enabled only when every key it needs is present. */
export function zaloEnabled(config: Config): boolean {
  return Boolean(config.ZALO_APP_ID && config.ZALO_APP_SECRET && config.ZALO_OA_SECRET_KEY && config.ZALO_ACCESS_TOKEN && config.ZALO_REFRESH_TOKEN);
}
