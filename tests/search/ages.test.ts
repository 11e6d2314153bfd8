// A stated age chooses between procedures named for an age ("Cấp thẻ căn cước cho người dưới 14
// tuổi" / "… từ đủ 14 tuổi trở lên"): "con tôi 10 tuổi" is under 14, "dưới 14 tuổi" is too.
import { beforeAll, describe, expect, it } from 'vitest';
import { statedAges } from '../../src/search/analyze';
import { ageRange, SearchIndex } from '../../src/search/index';
import { lexiconWith } from '../../src/search/lexicon';
import { makeProcedure } from './procedures';
import { loadSearch } from '../../src/search/load';

describe('ages in a message and in procedure names', () => {
  it('reads the ages a message states, with what bounds them, typed with or without marks', () => {
    expect(statedAges('Con tôi 10 tuổi có làm căn cước được không?')).toEqual([10]);
    expect(statedAges('con toi 10 tuoi')).toEqual([10]);
    expect(statedAges('làm căn cước cho con dưới 14 tuổi')).toEqual([13]);
    expect(statedAges('con chưa đủ 14 tuổi')).toEqual([13]);
    expect(statedAges('con trên 14 tuổi')).toEqual([15]);
    // A year, an amount or a count of days is not an age.
    expect(statedAges('sinh năm 2010, nộp 200.000 đồng, sau 10 ngày')).toEqual([]);
  });

  it('reads the ages a name is for', () => {
    expect(ageRange('Cấp thẻ căn cước cho người dưới 14 tuổi')).toEqual({ min: 0, max: 13 });
    expect(ageRange('Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên (thực hiện tại cấp tỉnh)')).toEqual({ min: 14, max: Number.POSITIVE_INFINITY });
    expect(ageRange('Trợ cấp xã hội hàng tháng cho người cao tuổi từ đủ 75 tuổi đến 80 tuổi')).toEqual({ min: 75, max: 80 });
    expect(ageRange('Thủ tục đăng ký khai sinh')).toBeUndefined();
  });
});

describe('a stated age and the portal procedures the catalogue lacks', () => {
  it('lowers a portal procedure named for other ages as it does a catalogue one', () => {
    const portal = [
      { code: '9.000101', name: 'Trợ cấp xã hội hằng tháng cho người cao tuổi từ đủ 75 tuổi đến 80 tuổi', audience: 'citizen' as const, uses: 5_000 },
      { code: '9.000102', name: 'Trợ cấp xã hội hằng tháng cho người khuyết tật', audience: 'citizen' as const, uses: 3_000 },
    ];
    const index = SearchIndex.build([makeProcedure({ name: 'Thủ tục đăng ký khai sinh' })], lexiconWith('synonyms: []'), portal);
    const firstPortal = (q: string) => index.query(q, { limit: 3 }).portals[0]?.entry.code;
    expect(firstPortal('con tôi 3 tuổi xin trợ cấp xã hội hằng tháng')).toBe('9.000102');
    expect(firstPortal('bà tôi 78 tuổi xin trợ cấp xã hội hằng tháng')).toBe('9.000101');
  });
});

describe('a stated age on the shipped catalogue', () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = (await loadSearch('procedures')).index;
  });
  const first = (q: string) => index.search(q, { limit: 1 })[0]?.procedure.name;

  it('gives the ID card for the age the citizen states', () => {
    expect(first('con tôi 10 tuổi có làm căn cước được không')).toMatch(/^Cấp thẻ căn cước cho người dưới 14 tuổi/);
    expect(first('con toi 10 tuoi lam can cuoc')).toMatch(/^Cấp thẻ căn cước cho người dưới 14 tuổi/);
    expect(first('làm căn cước cho con 15 tuổi')).toMatch(/^Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên/);
    expect(first('làm căn cước cho con dưới 14 tuổi')).toMatch(/^Cấp thẻ căn cước cho người dưới 14 tuổi/);
  });
});
