// The one logger, and the one place that keeps secrets and personal data out of the logs.
// Every line passes through `scrubLogLine` just before it is written, whatever produced it —
// our own fields, a library's error (a telegraf error carrying the request payload, a fetch
// error naming a URL with the bot token in it, a PostgreSQL error quoting a failing row):
// - values of sensitive keys (tokens, secrets, phone numbers, names) at any depth;
// - the exact secret values the server was configured with (bot token, Zalo keys, …);
// - Telegram bot tokens, `bot<token>/` URLs, passwords in database URLs, access_token=…;
// - dossier lookups: the arguments of /hoso, /theodoi, /huy, /lienket, `phone=` in query strings,
//   and the serial number of every dossier code (`000.00.20.H56-261124-****`);
// - phone numbers (Vietnamese mobile and landline forms) and full names that start with a
//   Vietnamese family name.
import { pino, type Logger as PinoLogger, type LoggerOptions } from 'pino';

export type Logger = PinoLogger;

const REDACTED = '[redacted]';

const REDACTED_KEYS = [
  'token', 'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'secret', 'apiKey', 'authorization',
  'phone', 'applicantPhone', 'applicant_phone', 'applicantName', 'applicant_name', 'name',
];

/** Keys whose string or number value never reaches a log line, at any depth. */
const SENSITIVE_KEYS = [
  ...REDACTED_KEYS,
  'secret_key', 'secret_token', 'secretToken', 'app_secret', 'appSecret', 'oaSecretKey', 'password', 'api_key', 'x-api-key',
  'x-telegram-bot-api-secret-token', 'x-zevent-signature', 'cookie', 'set-cookie', 'key_hash',
  'first_name', 'last_name', 'username', 'full_name', 'fullName', 'displayName', 'display_name', 'phone_number', 'phoneNumber',
];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// JSON string values are `"…"` with `\"` escapes; values stop at the closing quote.
const STRING_VALUE = '"(?:[^"\\\\]|\\\\.)*"';
const KEY_VALUE = new RegExp(`"(${SENSITIVE_KEYS.map(escapeRegExp).join('|')})":(?:${STRING_VALUE}|-?\\d+(?:\\.\\d+)?)`, 'gi');

/** Vietnamese family names, most common first: a capitalised word after one starts a name. */
const FAMILY_NAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Đinh', 'Đoàn', 'Trịnh', 'Lâm', 'Mai', 'Trương', 'Cao', 'Tạ', 'Đào', 'Lưu', 'Chu', 'Quách', 'Tô', 'Thái', 'Kiều',
  'Vương', 'Lương', 'Tăng', 'Triệu', 'Châu', 'Hà', 'Tôn', 'Mạc', 'Lại', 'Khúc', 'Nghiêm', 'Doãn', 'Phùng',
];
/** Place names that look like personal names. */
const PLACES = new Set(['Hà Nội', 'Hà Nam', 'Hà Tĩnh', 'Hà Giang', 'Hồ Chí Minh', 'Lê Chân', 'Cao Bằng', 'Mai Châu', 'Thái Bình', 'Thái Nguyên', 'Tô Lịch']);

const PATTERNS: Array<[RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // Telegram bot tokens, in URLs (`/bot<token>/getMe`) and alone.
  [/bot\d{3,}:(?:[A-Za-z0-9_-]+|\[REDACTED\])/g, `bot${REDACTED}`],
  [/\b\d{6,12}:[A-Za-z0-9_-]{20,}/g, REDACTED],
  // Passwords in connection URLs.
  [/([a-z][a-z0-9+.-]*:\/\/[^:/@\s"\\]+:)[^@\s"\\]+@/gi, `$1${REDACTED}@`],
  // Tokens and keys in query strings, form bodies and header dumps.
  [/([?&](?:access_token|refresh_token|secret_key|secret_token|api_key|apikey|token|phone|key)=)[^&\s"\\]+/gi, `$1${REDACTED}`],
  [/((?:access_token|refresh_token|secret_key|secret_token)\\?["']?\s*[=:]\s*\\?["']?)[^"'&\s,;}\\]+/gi, `$1${REDACTED}`],
  [/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  // A dossier lookup or subscription: the command's arguments (a code and the 4 digits).
  [/(\/(?:hoso|theodoi|huy|lienket)(?:@\w+)?)((?:[ \t]|\\[nt])+[^\s"\\]+){1,3}/gi, `$1 ${REDACTED}`],
  // Dossier codes `<agency>-<YYMMDD>-<NNNN>`: the serial is what makes one guessable; and
  // any verification digits written after the code.
  [/\b([0-9A-Za-z][0-9A-Za-z.]*-\d{6}-)\d{1,6}((?:[ \t]+|\\n)\d{4}\b)?/g, '$1****'],
  // PostgreSQL quoting the values of a failing row or a conflicting key.
  [/(Failing row contains )\([^)]*\)/g, `$1(${REDACTED})`],
  [/(Key \([^)]*\)=)\([^)]*\)/g, `$1(${REDACTED})`],
  // Phone numbers: 0xx… or +84/84 and nine more digits, with optional separators.
  [/(?<![\w.])(?:(?:\+84|84)[ .-]?\d|0\d)(?:[ .-]?\d){8,9}(?!\d)/g, '[phone]'],
  // Full names: a family name and one to four more capitalised words.
  [new RegExp(`(?<![\\p{L}])(?:${FAMILY_NAMES.join('|')})(?:[ \\t]+\\p{Lu}[\\p{Ll}]*){1,4}(?![\\p{L}])`, 'gu'), (match) => (PLACES.has(match) ? match : '[name]')],
];

/** Removes secrets and personal data from one serialized log line (or any text). */
export function scrubLogLine(line: string, secrets: readonly string[] = []): string {
  let out = line;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join(REDACTED);
  out = out.replace(KEY_VALUE, (_match, key: string) => `"${key}":"${REDACTED}"`);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement as string);
  return out;
}

export interface LoggerSecrets {
  /** Exact values never to write (the configured tokens and keys); also JSON-escaped forms. */
  secrets?: readonly string[];
}

export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream, options: LoggerSecrets = {}): Logger {
  const secrets = [...new Set((options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 6).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))]
    // Longest first, so a secret containing another is removed whole.
    .sort((a, b) => b.length - a.length);
  const loggerOptions: LoggerOptions = {
    level,
    redact: {
      paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), 'req.headers.authorization', 'req.headers["x-telegram-bot-api-secret-token"]'],
      censor: REDACTED,
    },
    hooks: {
      // The last step before a line is written: nothing escapes it.
      streamWrite: (line) => scrubLogLine(line, secrets),
    },
  };
  return destination ? pino(loggerOptions, destination) : pino(loggerOptions);
}

/** A logger that drops everything, for tests and one-shot CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
