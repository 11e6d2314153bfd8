import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { buildLineMap } from '../../src/catalogue/yaml-lines';

const keys = fc.constantFrom('code', 'name', 'papers', 'text', '2026', '7', 'tên thủ tục', 'a b');
const leaf = fc.oneof(
  fc.constantFrom('code', 'name', 'Miễn phí', '1.001193', 'dòng một\ndòng hai', '', 'a: b', '- x'),
  fc.integer({ min: -5, max: 50_000 }),
  fc.boolean(),
  fc.constant(null),
);
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(keys, tie('node'), { maxKeys: 5 }),
})).map;

/** Every path to a mapping entry (with its key) or a sequence item. */
function* paths(value: unknown, at: (string | number)[] = []): Generator<[(string | number)[], string | undefined]> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      yield [[...at, i], undefined];
      yield* paths(item, [...at, i]);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, item] of Object.entries(value)) {
      yield [[...at, k], k];
      yield* paths(item, [...at, k]);
    }
  }
}

describe('mapping YAML paths to lines', () => {
  it('finds the line of every key, in block and flow style alike', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(-1, 1, 2), fc.constantFrom(2, 4), fc.boolean(), (data, flowLevel, indent, noArrayIndent) => {
        const text = yaml.dump(data, { flowLevel, indent, noArrayIndent, lineWidth: -1 });
        const lines = text.split('\n');
        const map = buildLineMap(text);
        const lastSibling = new Map<string, number>();
        for (const [path, key] of paths(data)) {
          const line = map.lineOf(path);
          expect(line, `${JSON.stringify(path)} in\n${text}`).toBeDefined();
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line).toBeLessThanOrEqual(lines.length);
          if (key !== undefined) expect(lines[line! - 1], `${JSON.stringify(path)} in\n${text}`).toContain(key);
          // Siblings come in document order: one per line in block style, possibly shared in flow style.
          const parent = JSON.stringify(path.slice(0, -1));
          const previous = lastSibling.get(parent);
          if (previous !== undefined) {
            if (flowLevel === -1) expect(line, `${JSON.stringify(path)} in\n${text}`).toBeGreaterThan(previous);
            else expect(line).toBeGreaterThanOrEqual(previous);
          }
          lastSibling.set(parent, line!);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the line of the item in a block list, even when the item is on the next line', () => {
    const map = buildLineMap('papers:\n  -\n    name: Tờ khai\n  - name: Giấy chứng sinh\n    originals: 1\n');
    expect(map.lineOf(['papers', 0])).toBe(3);
    expect(map.lineOf(['papers', 1])).toBe(4);
    expect(map.lineOf(['papers', 1, 'originals'])).toBe(5);
  });

  it('skips comments and blank lines before the first key', () => {
    const map = buildLineMap('# Thủ tục\n\n# ghi chú\ncode: 1.001193\n');
    expect(map.lineOf([])).toBe(4);
    expect(map.lineOf(['code'])).toBe(4);
  });

  it('falls back to the nearest ancestor for a path that is not in the file', () => {
    const map = buildLineMap('source:\n  url: x\n');
    expect(map.lineOf(['source', 'retrievedAt'])).toBeUndefined();
    expect(map.nearest(['source', 'retrievedAt'])).toBe(1);
    expect(map.nearest(['nothing', 'at', 'all'])).toBe(1);
  });
});
