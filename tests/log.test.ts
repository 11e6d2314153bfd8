// The one scrubber every log line passes through: library errors included.
import { PassThrough } from 'node:stream';
import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubLogLine } from '../src/log';

function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return { logger: createLogger('trace', stream, { secrets }), text: () => lines.join('\n'), lines };
}

const CODE = '000.00.20.H56-261124-0042';
const TOKEN = '7312456789:AAHf3kLmNoPqRsTuVwXyZ0123456789abcd';

describe('log scrubbing', () => {
  it('removes /theodoi <code> <digits> from a telegraf error payload', () => {
    const log = capture();
    const err = new TelegramError({ error_code: 400, description: "Bad Request: can't parse entities" }, { method: 'sendMessage', payload: { chat_id: 42, text: `Bạn đã gõ: /theodoi ${CODE} 5678\nHồ sơ ${CODE}` } });
    log.logger.error({ err, updateId: 7 }, 'telegram: update failed');
    const text = log.text();
    expect(text).toContain('telegram: update failed');
    expect(text).toContain('/theodoi [redacted]');
    expect(text).toContain('000.00.20.H56-261124-****');
    expect(text).not.toContain(CODE);
    expect(text).not.toMatch(/(?<!\d)5678(?!\d)/);
    expect(JSON.parse(log.lines[0]!)).toMatchObject({ level: 50, updateId: 7 });
  });

  it('removes the bot token from a fetch error URL, and configured secrets anywhere', () => {
    const log = capture(['zalo-app-secret-0001', 'oa-secret-key-0002']);
    log.logger.warn({ err: new Error(`request to http://127.0.0.1:9/bot${TOKEN}/getMe failed, reason: connect ECONNREFUSED`) }, 'telegram: unreachable');
    log.logger.warn({ detail: 'signed with oa-secret-key-0002', nested: { headers: { secret_key: 'zalo-app-secret-0001' } } }, 'zalo: refresh');
    log.logger.info({ url: 'postgres://motcua:s3cr3t-pass@db:5432/motcua', q: '/oauth?access_token=abc.def-123&x=1' }, 'store');
    const text = log.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.split(':')[1]);
    expect(text).toContain('bot[redacted]/getMe');
    expect(text).toContain('ECONNREFUSED');
    expect(text).not.toContain('zalo-app-secret-0001');
    expect(text).not.toContain('oa-secret-key-0002');
    expect(text).not.toContain('s3cr3t-pass');
    expect(text).not.toContain('abc.def-123');
  });

  it('removes phone numbers, full names and sensitive keys at any depth, and keeps the rest readable', () => {
    const log = capture();
    log.logger.error({
      err: Object.assign(new Error('new row for relation "dossiers" violates check constraint'), { detail: `Failing row contains (${CODE}, Nguyễn Thị Bích Ngọc, 0912345678, direct).`, code: '23514' }),
      deep: { a: { b: { applicant_phone: '0987654321', applicant_name: 'Trần Văn Ba', first_name: 'Ba' } } },
      note: 'gọi 0912 345 678, +84 912 345 679, 0912.345.670 hoặc 024 3825 1234; hỏi ông Lê Văn Cường ở Hà Nội',
      path: `/api/dossiers/${CODE}?phone=5678`,
    }, 'http: request failed');
    const text = log.text();
    for (const secret of ['Nguyễn Thị Bích Ngọc', 'Bích Ngọc', '0912345678', '0987654321', 'Trần Văn Ba', '345 678', '345 679', '345.670', '3825 1234', 'Lê Văn Cường', '"Ba"', 'phone=5678', CODE]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain('Hà Nội');
    expect(text).toContain('"code":"23514"');
    expect(text).toContain('http: request failed');
    expect(() => JSON.parse(log.lines[0]!)).not.toThrow();
  });

  it('leaves ordinary lines alone', () => {
    const line = '{"level":30,"time":1764300000000,"pid":4242,"msg":"alerts: scan done","queued":12,"id":"3f2a9c1e-0b7d-4e0f-9a51-0c2d2b8e7f10"}';
    expect(scrubLogLine(line)).toBe(line);
  });
});
