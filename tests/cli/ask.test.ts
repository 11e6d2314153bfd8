// `motcua ask`: the same engine as the chat channels, printed as a citizen would read it.
import { describe, expect, it } from 'vitest';
import { runMotcua } from '../helpers/cli';

const env = { DATABASE_URL: 'sqlite::memory:', PROCEDURES_DIR: 'procedures', LOG_LEVEL: 'silent' };

describe('motcua ask', () => {
  it('answers a fee question typed without diacritics, citing the code and the source', async () => {
    const { code, stdout } = await runMotcua(['ask', 'le phi dang ky khai sinh'], env);
    expect(code).toBe(0);
    expect(stdout).toContain('1.001193');
    expect(stdout).toContain('Miễn phí');
    expect(stdout).toContain('https://dichvucong.gov.vn/');
  });

  it('treats a dossier code as a status lookup, as the chat channels do', async () => {
    const { code, stdout } = await runMotcua(['ask', '000.00.20.H56-261120-0007'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/4 số cuối/);
  });

  it('prints the reply model with --json', async () => {
    const { stdout } = await runMotcua(['ask', '--json', 'đăng ký tạm trú cần giấy tờ gì'], env);
    const reply = JSON.parse(stdout) as { blocks: unknown[]; buttons: Array<{ payload: string }> };
    expect(reply.blocks.length).toBeGreaterThan(0);
    expect(reply.buttons.every((b) => Buffer.byteLength(b.payload) <= 64)).toBe(true);
  });

  it('says with --why which rule made the bot ask back or answer, for an operator', async () => {
    const asked = await runMotcua(['ask', '--why', 'chứng thực'], env);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toContain('Vì sao: hỏi lại, kèm các thủ tục gần nhất: câu hỏi chỉ nêu tên một lĩnh vực, không nêu thủ tục nào [fieldAsked]');
    const json = JSON.parse((await runMotcua(['ask', '--why', '--json', 'chế độ hưu trí'], env)).stdout) as { decision: { kind: string; why: string } };
    expect(json.decision).toMatchObject({ kind: 'choose', why: 'groupNamed' });
    // A dossier code is answered before the assistant: no reason of the assistant's is given.
    expect((await runMotcua(['ask', '--why', '000.00.20.H56-261120-0007'], env)).stdout).not.toContain('Vì sao');
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await runMotcua(['ask'], env)).code).toBe(2);
  });
});
