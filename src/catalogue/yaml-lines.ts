// Where each value of a YAML document sits: a map from a data path to its 1-based line.
// js-yaml 4 keeps no node positions, so this re-parses with its `listener` hook, which reports
// every node it opens and closes. Only files that failed a check pay for this second parse.
import yaml from 'js-yaml';
import { CATALOGUE_YAML_SCHEMA } from './yaml-schema';

/** How paths are keyed in the map: `['papers', 0, 'name']` → `papers\u00000\u0000name`. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

interface Frame {
  /** 1-based line where the node's content starts. */
  line: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

export interface LineMap {
  /** Line of the key (in a mapping) or of the item (in a sequence) at `path`; [] is the document. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The line of `path`, or of its nearest ancestor that has one, or 1. */
  nearest(path: readonly PropertyKey[]): number;
}

/** Parses `text` (already known to be valid YAML under `schema`) and maps paths to lines. */
export function buildLineMap(text: string, schema: yaml.Schema = CATALOGUE_YAML_SCHEMA): LineMap {
  const top: Frame = { line: 1, kind: null, result: undefined, children: [] };
  const stack: Frame[] = [top];
  let data: unknown;
  try {
    data = yaml.load(text, {
      schema,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ line: state.line + 1, kind: null, result: undefined, children: [] });
          return;
        }
        const frame = stack.pop();
        if (!frame) return;
        frame.kind = state.kind;
        frame.result = state.result;
        stack[stack.length - 1]?.children.push(frame);
      },
    });
  } catch {
    // A broken document is reported from the parser's own mark; no lines to map.
  }
  const lines = new Map<string, number>();
  const root = top.children.find((f) => f.result === data) ?? top.children[0];
  if (root) {
    lines.set(pathKey([]), firstLine(root));
    walk(root, data, [], lines);
  }
  return {
    lineOf: (path) => lines.get(pathKey(path)),
    nearest(path) {
      for (let n = path.length; n >= 0; n -= 1) {
        const line = lines.get(pathKey(path.slice(0, n)));
        if (line !== undefined) return line;
      }
      return 1;
    },
  };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function same(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/**
 * A node read on its own line after its key is first tried as a mapping key, so the parser
 * reports it twice, nested; the inner report is the real one.
 */
function unwrap(frame: Frame): Frame {
  let current = frame;
  for (;;) {
    if (!isObject(current.result)) return current;
    const inner = current.children.find((c) => c.result === current.result);
    if (!inner) return current;
    current = inner;
  }
}

/** The document's first key line, so a missing top-level field points at real content. */
function firstLine(root: Frame): number {
  const node = unwrap(root);
  return node.children[0]?.line ?? node.line;
}

function walk(frame: Frame, value: unknown, path: PropertyKey[], lines: Map<string, number>): void {
  if (!isObject(value)) return;
  const node = unwrap(frame);
  const children = node.children;
  if (Array.isArray(value)) {
    let next = 0;
    value.forEach((item, index) => {
      const at = findFrom(children, next, (c) => same(c.result, item));
      // An empty `-` entry has no node of its own; it keeps its parent's line.
      if (at < 0) return;
      const child = children[at]!;
      const itemPath = [...path, index];
      lines.set(pathKey(itemPath), child.line);
      walk(child, item, itemPath, lines);
      next = at + 1;
    });
    return;
  }
  // Children come as key, value, key, value… in document order; Object.keys would not keep
  // that order (integer-like keys such as years come first), so pair them up by scanning.
  const record = value as Record<string, unknown>;
  const seen = new Set<string>();
  for (let i = 0; i < children.length; i += 1) {
    const child = children[i]!;
    if (child.kind !== 'scalar' || !Object.hasOwn(record, String(child.result))) continue;
    const key = String(child.result);
    if (seen.has(key)) continue;
    seen.add(key);
    const keyPath = [...path, key];
    lines.set(pathKey(keyPath), child.line);
    const valueFrame = children[i + 1];
    if (valueFrame && same(valueFrame.result, record[key])) {
      walk(valueFrame, record[key], keyPath, lines);
      i += 1;
    }
  }
}

function findFrom(frames: Frame[], start: number, test: (f: Frame) => boolean): number {
  for (let i = start; i < frames.length; i += 1) if (test(frames[i]!)) return i;
  return -1;
}
