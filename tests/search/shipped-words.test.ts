// Citizens' short questions on the shipped catalogue and lexicon: the words the lexicon reads
// loosely still name the procedure a citizen means when they are all that was typed.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSearch } from '../../src/search/load';
import type { SearchIndex } from '../../src/search/index';

let index: SearchIndex;
beforeAll(async () => {
  index = (await loadSearch('procedures')).index;
});
const first = (q: string) => index.search(q, { limit: 1 })[0]?.procedure.code;

describe('the shipped lexicon on short questions', () => {
  it('reads "hộ khẩu" as residence: alone, it is the residence confirmation that replaced the book', () => {
    expect(first('hộ khẩu')).toBe('1.010041');
    expect(first('xin giấy xác nhận hộ khẩu')).toBe('1.010041');
    expect(first('nhập hộ khẩu cho con')).toBe('1.004222');
  });

  it('sends a first land certificate to the households’ procedure, not the organisations’', () => {
    expect(first('làm sổ đỏ lần đầu cần gì')).toBe('1.013978');
  });

  it('sends a building permit to new construction, and a repair to the repair permit', () => {
    expect(first('xin giấy phép xây dựng')).toBe('1.013225');
    expect(first('sửa nhà có cần xin phép không')).toBe('1.013229');
  });

  it('reads a lost certificate as its re-issue, and a death as no loss', () => {
    expect(first('mất sổ đỏ thì làm sao')).toBe('1.012786');
    expect(first('bố tôi mất cần làm giấy chứng tử')).toBe('1.000656');
  });
});
