// Reads the text of each page of a PDF that headless Chromium (Skia) printed: Type0 fonts with
// Identity-H encoding and a ToUnicode CMap, glyphs shown as <hex> Tj. Enough to check what a
// printed listing says and on which page; not a general PDF reader.
import zlib from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = header.lastIndex;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt === -1) {
      objects.set(Number(match[1]), { dict: body });
    } else {
      const dataStart = start + body.indexOf('\n', streamAt) + 1;
      const dataEnd = text.lastIndexOf('endstream', end);
      const raw = pdf.subarray(dataStart, dataEnd);
      const dict = body.slice(0, streamAt);
      objects.set(Number(match[1]), { dict, stream: /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw });
    }
    header.lastIndex = end;
  }
  return objects;
}

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToText = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(src!, 16), hexToText(dst!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const base = parseInt(dst!, 16);
      for (let code = parseInt(lo!, 16); code <= parseInt(hi!, 16); code++) map.set(code, String.fromCharCode(base + code - parseInt(lo!, 16)));
    }
  }
  return map;
}

/** The text of every page, in page order; text objects are separated by spaces. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = parseObjects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  if (!catalog) throw new Error('pdf-text: no document catalog');
  // Long documents have a nested page tree; walk it in order.
  const leaves = (id: number): number[] => {
    const dict = objects.get(id)?.dict ?? '';
    if (!/\/Type \/Pages/.test(dict)) return [id];
    return [...(/\/Kids \[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].flatMap((m) => leaves(Number(m[1])));
  };
  const kids = leaves(ref(catalog.dict, 'Pages'));
  const cmaps = new Map<number, Map<number, string>>();
  return kids.map((id) => {
    const page = objects.get(id)!.dict;
    const fonts = new Map<string, Map<number, string>>();
    for (const [, name, fontId] of (/\/Font <<([^>]*)>>/.exec(page)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const fid = Number(fontId);
      if (!cmaps.has(fid)) cmaps.set(fid, parseToUnicode(objects.get(ref(objects.get(fid)!.dict, 'ToUnicode'))?.stream?.toString('latin1') ?? ''));
      fonts.set(name!, cmaps.get(fid)!);
    }
    const contents = objects.get(ref(page, 'Contents'))?.stream?.toString('latin1') ?? '';
    const parts: string[] = [];
    for (const [, block] of contents.matchAll(/BT\b([\s\S]*?)\bET/g)) {
      let font = new Map<number, string>();
      let run = '';
      for (const [, fontName, hex] of block!.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]+)>/g)) {
        if (fontName) font = fonts.get(fontName) ?? new Map();
        else for (const glyph of hex!.match(/.{4}/g) ?? []) run += font.get(parseInt(glyph, 16)) ?? '';
      }
      parts.push(run);
    }
    return parts.join(' ');
  });
}

/** Whitespace-insensitive, so text split across text objects still matches. */
export function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, '');
}
