import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/clock';
import { CatalogueDirectoryError, CatalogueError, formatProblem, loadCatalogue, loadCatalogueOrThrow } from '../../src/catalogue/loader';

const fixtures = path.join(import.meta.dirname, '../fixtures');
const good = path.join(fixtures, 'catalogue-good');
const bad = path.join(fixtures, 'catalogue-bad');
const november2026 = fixedClock('2026-11-23T03:00:00Z');

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

/** A catalogue directory built from `files` (relative path → YAML text). */
async function catalogueOf(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-catalogue-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await fs.writeFile(path.join(dir, name), text);
  }
  return dir;
}

const minimal = (code: string) =>
  `code: ${code}\nname: Thủ tục ${code}\nfield: Hộ tịch\nlevels: [commune]\nsource:\n  url: https://dichvucong.gov.vn/\n  retrievedAt: '2026-07-01'\n`;

describe('loading a clean catalogue', () => {
  it('loads every procedure sorted by code, with defaults filled in, and no problems', async () => {
    const { catalogue, problems, warnings } = await loadCatalogue(good, { clock: november2026 });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(catalogue.procedures.map((p) => p.code)).toEqual(['1.001193', '1.004222']);
    const birth = catalogue.byCode.get('1.001193');
    expect(birth?.channels[0]).toEqual({ kind: 'direct', time: { value: 1, unit: 'working_days', text: '1 Ngày làm việc' }, fees: [{ amount: 0, text: 'Miễn phí' }] });
    expect(catalogue.byCode.get('1.004222')?.steps).toEqual([]);
    expect(catalogue.version).toBe('2026-07-02 · 2 thủ tục');
  });

  it('reads unquoted codes and dates as text, keeping trailing zeros', async () => {
    const dir = await catalogueOf({ 'a.yaml': minimal('1.000100'), 'offices.yaml': 'offices:\n  - {id: a, name: A, level: commune, address: x, hours: y, procedures: [1.000100]}\n' });
    const { catalogue, problems } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems).toEqual([]);
    expect(catalogue.procedures[0]?.code).toBe('1.000100');
    expect(catalogue.offices[0]?.procedures).toEqual(['1.000100']);
  });

  it('reads the calendar and the offices', async () => {
    const { catalogue } = await loadCatalogue(good, { clock: november2026 });
    expect(catalogue.calendar.years['2026']?.daysOff.map((d) => d.date ?? d.from)).toEqual(['2026-01-01', '2026-11-24']);
    expect(catalogue.offices.map((o) => o.id)).toEqual(['ubnd-phuong-mau']);
  });

  it('leaves lexicon.yaml to the search engine', async () => {
    const { catalogue, problems } = await loadCatalogue(good, { clock: november2026 });
    expect(problems.filter((p) => p.file === 'lexicon.yaml')).toEqual([]);
    expect(catalogue.procedures).toHaveLength(2);
  });
});

describe('reporting every problem at once, each at its line', () => {
  it('reports each kind of error in the bad catalogue with file:line: field: message', async () => {
    const { problems } = await loadCatalogue(bad, { clock: november2026 });
    expect(problems.map(formatProblem)).toEqual([
      'broken/1.000001.yaml:5: invalid YAML: missed comma between flow collection entries',
      'calendar.yaml:4: years.2026.daysOff[0].date: 2026-02-30 is not a real date',
      'calendar.yaml:6: years.2026.daysOff[1]: give either date, or from and to',
      'calendar.yaml:7: years.2026.daysOff[2].to: ends (2026-04-30) before it starts (2026-05-03)',
      'calendar.yaml:9: years.2026.workingDays[0].date: 2026-01-07 is a weekday and no statutory holiday; make-up working days are Saturdays or Sundays',
      'dup-a/1.000005.yaml:1: code: duplicate procedure code 1.000005: also in dup-b/1.000005.yaml:3',
      'dup-b/1.000005.yaml:3: code: duplicate procedure code 1.000005: also in dup-a/1.000005.yaml:1',
      'offices.yaml:9: offices[0].procedures[1]: no procedure 9.999999 in the catalogue',
      'offices.yaml:10: offices[1].id: office id "phuong-a" is already used at line 2',
      'typed/1.000002.yaml:6: levels[1]: must be one of ministry, province, district, commune, other; got text "county"',
      'typed/1.000002.yaml:10: channels[0].time.value: must be more than 0; got -1',
      'typed/1.000002.yaml:13: channels[0].fees[0].amount: expected number, got text "0"',
      'typed/1.000002.yaml:15: channels[0].fees[0].amout: unknown field (did you mean amount?)',
      'typed/1.000002.yaml:18: papers[0].papers[0].name: required field is missing',
      'typed/1.000002.yaml:19: source.url: required field is missing',
      'typed/1.000002.yaml:21: popularity: expected number, got text "nhiều"',
      'typed/1.000002.yaml:22: fee: unknown field',
      'typed/1.000003.yaml:2: name: required field is missing',
    ]);
  });

  it('still serves what loaded cleanly: the good file and the first of two duplicates', async () => {
    const { catalogue } = await loadCatalogue(bad, { clock: november2026 });
    expect(catalogue.procedures.map((p) => [p.code, p.name])).toEqual([
      ['1.000005', 'Bản thứ nhất'],
      ['1.000006', 'Thủ tục đúng'],
    ]);
  });

  it('points a broken file at the line the parser stopped on', async () => {
    const dir = await catalogueOf({ 'x/1.000001.yaml': 'code: 1.000001\nname: A\n  field: B\n' });
    const { problems } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems.map(formatProblem)).toEqual(['x/1.000001.yaml:3: invalid YAML: bad indentation of a mapping entry']);
  });

  it('reports a duplicated key as broken YAML at its second occurrence', async () => {
    const dir = await catalogueOf({ 'a.yaml': `${minimal('1.000001')}name: Lần hai\n` });
    const { problems } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'a.yaml', line: 8 });
    expect(problems[0]?.message).toMatch(/^invalid YAML: duplicated mapping key/);
  });

  it('reports an empty procedure file', async () => {
    const dir = await catalogueOf({ 'a.yaml': '# nothing yet\n' });
    const { problems } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems.map(formatProblem)).toEqual(['a.yaml:1: the file is empty']);
  });

  it('reports a calendar entry that is not in the year it is filed under', async () => {
    const calendar = 'years:\n  2026:\n    daysOff:\n      - date: 2025-09-02\n        name: Quốc khánh\n';
    const dir = await catalogueOf({ 'calendar.yaml': calendar });
    const { problems } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems.map(formatProblem)).toEqual(['calendar.yaml:4: years.2026.daysOff[0].date: 2025-09-02 is not in 2026']);
  });

  it('reports a bad year key and a misspelt calendar field at their lines', async () => {
    const calendar = 'years:\n  2026:\n    dayOff: []\n  26:\n    daysOff: []\n';
    const dir = await catalogueOf({ 'calendar.yaml': calendar });
    const { problems } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems.map(formatProblem)).toEqual([
      'calendar.yaml:3: years.2026.dayOff: unknown field (did you mean daysOff?)',
      'calendar.yaml:4: years.26: year keys look like 2026',
    ]);
  });

  it('warns when the file name and the code disagree', async () => {
    const dir = await catalogueOf({ 'ho-tich/1.000002.yaml': minimal('1.000001') });
    const { problems, warnings } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems).toEqual([]);
    expect(warnings.map(formatProblem)).toContain('ho-tich/1.000002.yaml:1: code: the file is named 1.000002 but holds 1.000001');
  });
});

describe('offices', () => {
  const office = (level: string, codes: string) =>
    `offices:\n  - id: a\n    name: A\n    level: ${level}\n    address: x\n    hours: y\n    procedures: [${codes}]\n`;

  it('warns when a desk lists a procedure that is not handled at its level', async () => {
    const dir = await catalogueOf({ 'a.yaml': minimal('1.000001'), 'offices.yaml': office('province', '1.000001') });
    const { problems, warnings } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems).toEqual([]);
    expect(warnings.map(formatProblem)).toContain('offices.yaml:7: offices[0].procedures[0]: 1.000001 is not a province-level procedure (levels: commune)');
  });

  it('does not report an office code again when its own file is the one with errors', async () => {
    const dir = await catalogueOf({ 'a.yaml': minimal('1.000001').replace('field: Hộ tịch\n', ''), 'offices.yaml': office('commune', '1.000001, 1.000009') });
    const { problems } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems.map(formatProblem)).toEqual([
      'a.yaml:1: field: required field is missing',
      'offices.yaml:7: offices[0].procedures[1]: no procedure 1.000009 in the catalogue',
    ]);
  });
});

describe('calendar years as warnings', () => {
  it('warns, without failing, from October on when next year\'s notice is not recorded', async () => {
    expect((await loadCatalogue(good, { clock: fixedClock('2027-09-15T00:00:00Z') })).warnings).toEqual([]);
    const { problems, warnings } = await loadCatalogue(good, { clock: fixedClock('2027-10-01T00:00:00Z') });
    expect(problems).toEqual([]);
    expect(warnings.map(formatProblem)).toEqual([
      "calendar.yaml:4: years.2028: the government's notice for 2028 is not recorded: deadlines in 2028 count the statutory holidays but no swapped days off or make-up Saturdays",
    ]);
  });

  it('judges the month in Vietnam time: 30 September 18:00 UTC is already October there', async () => {
    const { warnings } = await loadCatalogue(good, { clock: fixedClock('2027-09-30T18:00:00Z') });
    expect(warnings.map((w) => w.field)).toEqual(['years.2028']);
  });

  it('warns once when the calendar is missing', async () => {
    const dir = await catalogueOf({ 'a.yaml': minimal('1.000001') });
    const { problems, warnings } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(problems).toEqual([]);
    expect(warnings.map(formatProblem)).toEqual([
      'calendar.yaml:1: no calendar.yaml: deadlines will count only weekends as days off',
    ]);
  });

  it('points at the empty year when the year is there but empty', async () => {
    const calendar = "years:\n  2026:\n    daysOff:\n      - { date: '2026-11-24', name: Ngày Văn hóa Việt Nam }\n  2027:\n    note: chưa có quyết định\n";
    const dir = await catalogueOf({ 'calendar.yaml': calendar });
    const { warnings } = await loadCatalogue(dir, { clock: november2026, cache: false });
    expect(warnings.map(formatProblem)).toEqual([
      "calendar.yaml:5: years.2027: the government's notice for 2027 is not recorded: deadlines in 2027 count the statutory holidays but no swapped days off or make-up Saturdays",
    ]);
  });
});

describe('failing loudly', () => {
  it('throws every problem from loadCatalogueOrThrow', async () => {
    const error = await loadCatalogueOrThrow(bad, { clock: november2026 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogueError);
    expect((error as CatalogueError).problems).toHaveLength(18);
    expect((error as CatalogueError).message).toMatch(/^catalogue: 18 problem\(s\); first: broken\/1\.000001\.yaml:5: /);
  });

  it('names a directory that does not exist', async () => {
    const missing = path.join(fixtures, 'no-such-catalogue');
    const error = await loadCatalogue(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogueDirectoryError);
    expect((error as Error).message).toBe(`catalogue: no such directory: ${missing}`);
  });

  it('names a path that is a file, not a directory', async () => {
    const file = path.join(good, 'offices.yaml');
    await expect(loadCatalogue(file)).rejects.toThrow(`catalogue: not a directory: ${file}`);
  });
});
