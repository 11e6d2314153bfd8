// The environment, parsed once by the composition root. Nothing else reads process.env.
import { z } from 'zod';

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

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().default('sqlite:./data/motcua.db'),
  PROCEDURES_DIR: z.string().default('./procedures'),
  PUBLIC_BASE_URL: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  ALERT_CRON: z.string().default('0 8 * * 1-5'),
  ALERT_NEAR_DUE_DAYS: z.coerce.number().int().min(0).default(1),
  ALERT_ESCALATE_DAYS: z.coerce.number().int().min(0).default(3),
  DISPATCH_INTERVAL_MS: positiveInt(1000),
  TELEGRAM_RATE_PER_SECOND: positiveInt(30),
  ZALO_RATE_PER_SECOND: positiveInt(10),

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

/** Zalo is enabled only when every key it needs is present. */
export function zaloEnabled(config: Config): boolean {
  return Boolean(config.ZALO_APP_ID && config.ZALO_APP_SECRET && config.ZALO_OA_SECRET_KEY && config.ZALO_ACCESS_TOKEN && config.ZALO_REFRESH_TOKEN);
}
