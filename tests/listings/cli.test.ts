// `motcua listing …` through the real command table, with the fixture catalogue.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMotcua, type CliRun } from '../helpers/cli';
import { FIXTURE_DIR } from './fixture';

function motcua(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runMotcua(argv, { PROCEDURES_DIR: FIXTURE_DIR, ...env });
}

describe('motcua listing', () => {
  it('prints the HTML listing by default', async () => {
    const { code, stdout } = await motcua(['listing', '--commune', 'xa-hoa-an', '--all']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/);
    expect(stdout).toContain('<h1>UBND xã Hòa An</h1>');
    expect(stdout).toContain('data-link="http://localhost:3000/?p=1.001193"');
  });

  it('uses the bot deep link and the public address from the environment', async () => {
    const { stdout } = await motcua(['listing', '--commune', 'xa-hoa-an', '--all', '--format', 'txt'], { TELEGRAM_BOT_USERNAME: 'motcua_bot' });
    expect(stdout).toContain('- Hỏi thêm: https://t.me/motcua_bot?start=p1_001193');
    const web = await motcua(['listing', '--commune', 'xa-hoa-an', '--all', '--format', 'md'], { PUBLIC_BASE_URL: 'https://motcua.example.vn' });
    expect(web.stdout).toContain('(https://motcua.example.vn/?p=1.001193)');
  });

  it('writes to --out, taking the format from its extension, and warns about codes the catalogue lacks', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-listing-'));
    const file = path.join(dir, 'tan-lap.md');
    const { code, stdout, stderr } = await motcua(['listing', '--commune', 'phuong-tan-lap', '--out', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('9.999999');
    expect(stderr).toContain(`đã ghi 3 thủ tục của phuong-tan-lap vào ${file}`);
    expect(await fs.readFile(file, 'utf8')).toMatch(/^# Danh mục thủ tục hành chính \(rút gọn\): UBND phường Tân Lập/m);
    await fs.rm(dir, { recursive: true });
  });

  it('prints nothing for a desk without a list, and says how to choose its procedures or ask for all', async () => {
    const { code, stdout, stderr } = await motcua(['listing', '--commune', 'xa-hoa-an']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`"UBND xã Hòa An" (xa-hoa-an) chưa có danh sách thủ tục trong ${FIXTURE_DIR}/offices.yaml, nên không in gì`);
    expect(stderr).toContain('motcua search "khai sinh"');
    expect(stderr).toContain('       - id: xa-hoa-an\n         procedures:\n           - 1.001193');
    expect(stderr).toContain('Muốn in toàn bộ 9 thủ tục cùng cấp: thêm --all.');
    const all = await motcua(['listing', '--commune', 'xa-hoa-an', '--all', '--format', 'txt']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('Gồm 9 thủ tục');
  });

  it('warns that links open localhost when PUBLIC_BASE_URL is unset, and not once it is set', async () => {
    const local = await motcua(['listing', '--commune', 'phuong-tan-lap', '--format', 'txt']);
    expect(local.stderr).toContain('motcua listing: cảnh báo: PUBLIC_BASE_URL chưa đặt (hoặc là localhost), nên mã QR và liên kết mở http://localhost:3000');
    expect(local.stdout).toMatch(/^!!! CHƯA DÙNG ĐƯỢC ĐỂ NIÊM YẾT/);
    const set = await motcua(['listing', '--commune', 'phuong-tan-lap', '--format', 'txt'], { PUBLIC_BASE_URL: 'https://motcua.example.vn' });
    expect(set.stderr).not.toContain('PUBLIC_BASE_URL');
    expect(set.stdout).not.toContain('CHƯA DÙNG ĐƯỢC');
  });

  it('exits 1 naming the known communes when the commune is unknown', async () => {
    const { code, stdout, stderr } = await motcua(['listing', '--commune', 'xa-khong-co']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('motcua listing: không có nơi tiếp nhận "xa-khong-co"; offices.yaml có: xa-hoa-an, phuong-tan-lap');
  });

  it('exits 2 with usage when --commune is missing or the format is unknown', async () => {
    expect((await motcua(['listing'])).code).toBe(2);
    expect((await motcua(['listing'])).stderr).toContain('--commune <id> is required');
    const bad = await motcua(['listing', '--commune', 'xa-hoa-an', '--format', 'pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be one of html, md, txt');
  });
});
