// The shipped systemd unit and environment template (docs/van-hanh.md, section 2) are valid:
// systemd-analyze verify has nothing to say about the unit, and the template holds only keys
// the config schema knows and parses as it stands.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { configSchema, parseConfig } from '../../src/config';

const run = promisify(execFile);
const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => fs.existsSync(p));

it.skipIf(!systemdAnalyze)('deploy/motcua.service passes systemd-analyze verify without a warning', async () => {
  let unit = fs.readFileSync('deploy/motcua.service', 'utf8');
  // As the guide says: point ExecStart at this machine's node when it is not /usr/bin/node.
  if (!fs.existsSync('/usr/bin/node')) unit = unit.replace('/usr/bin/node', process.execPath);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-unit-'));
  const file = path.join(dir, 'motcua.service');
  fs.writeFileSync(file, unit);
  try {
    const { stdout, stderr } = await run(systemdAnalyze!, ['verify', file]);
    expect(`${stdout}${stderr}`.trim()).toBe('');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(unit).toContain('EnvironmentFile=/etc/motcua/motcua.env');
  expect(unit).toContain('StateDirectory=motcua');
});

it('deploy/motcua.env.example names only known keys and parses', () => {
  const text = fs.readFileSync('deploy/motcua.env.example', 'utf8');
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!;
  }
  const known = Object.keys(configSchema.shape);
  expect(Object.keys(env).filter((key) => !known.includes(key))).toEqual([]);
  const config = parseConfig(env);
  expect(config).toMatchObject({ HOST: '127.0.0.1', DATABASE_URL: 'sqlite:/var/lib/motcua/motcua.db', PUBLIC_BASE_URL: 'https://hoidap.example.gov.vn' });
});

it('the operator guide covers what an operator must set up', () => {
  const guide = fs.readFileSync('docs/van-hanh.md', 'utf8');
  for (const heading of ['## 2. Chạy như một dịch vụ (systemd)', '## 3. HTTPS qua reverse proxy', '## 4. Telegram', '## 5. Zalo OA', '## 6. Sao lưu và phục hồi', '## 7. Nâng cấp và migration', '## 8. Nhật ký (log) và xoay vòng log']) {
    expect(guide).toContain(heading);
  }
  // Every deploy/ file the guide names exists.
  for (const [, file] of guide.matchAll(/`(deploy\/[^`\s]+)`/g)) expect(fs.existsSync(file!), file).toBe(true);
});
