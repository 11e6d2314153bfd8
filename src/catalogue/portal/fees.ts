// The fee cell of the portal's channel table ("Miễn phí", "10,000 Việt Nam Đồng(…)", "10 USD"),
// and fees a row's description states when the cell is empty.
import type { Fee } from '../schema';
import { NO_INFO, tidy } from './text';

const CURRENCY = /^\s*(Việt Nam Đồng|VNĐ|VND|Đồng|đồng)/;
const FOREIGN = /^\s*(USD|EUR|Đô la Mỹ)/;
/** A sum of money written out in prose: "135.000 đồng", "10 USD", "2.400.000 đồng/lần". */
const MONEY = /\d[\d.,]*\s*(?:đồng|Đồng|VNĐ|vnđ|VND|USD|đ(?!\p{L}))/u;

/** "65,000,000" → 65000000. */
function amountOf(digits: string): number {
  return Number(digits.replace(/[.,]/g, ''));
}

/** Index just past the parenthesis that closes the one at `open`, or -1. */
function closeParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Reads the fee cell: "Miễn phí", an amount with its currency and optional "(…)" detail. */
export function readFee(rest: string): { fees: Fee[]; rest: string } {
  if (rest.startsWith('Miễn phí')) {
    let after = rest.slice('Miễn phí'.length);
    let text = 'Miễn phí';
    let detail = '';
    if (after.startsWith('(')) {
      const end = closeParen(after, 0);
      if (end > 0) {
        detail = tidy(after.slice(1, end - 1));
        text += ` ${tidy(after.slice(0, end))}`;
        after = after.slice(end);
      }
    }
    // Some cells say "Miễn phí" and then spell out a fee in the detail ("Lệ phí cấp giấy phép
    // lái xe: 135.000 đồng/lần"): telling a citizen it is free would be wrong, so the amount
    // is unknown and the detail is what they read.
    if (MONEY.test(detail)) return { fees: [{ amount: null, text: detail.replace(/^[-+•]\s*/, '') }], rest: after };
    return { fees: [{ amount: 0, text }], rest: after };
  }
  if (rest.startsWith(NO_INFO)) return { fees: [], rest: rest.slice(NO_INFO.length) };
  const money = /^(\d[\d,.]*)( ?)/.exec(rest);
  if (money) {
    const after = rest.slice(money[0].length);
    const currency = CURRENCY.exec(after);
    const foreign = FOREIGN.exec(after);
    if (currency || foreign) {
      const unit = (currency ?? foreign)!;
      let tail = after.slice(unit[0].length);
      let detail = '';
      if (tail.startsWith('(')) {
        const end = closeParen(tail, 0);
        if (end > 0) {
          detail = tidy(tail.slice(1, end - 1));
          tail = tail.slice(end);
        }
      }
      let amount: number | null = currency ? amountOf(money[1]!) : null;
      // The table writes some amounts in thousands of đồng ("25 VNĐ" for 25.000 đồng): every such
      // cell whose detail spells the sum out ("120 VNĐ (20.000 đ/tờ khai)", "100 VNĐ (…100.000
      // đồng/lần…)", "40 VNĐ (…40.000 đồng…)") agrees, and no fee is under 1.000 đồng. The detail's
      // own figure wins when it gives one ("40" with "4.000 đ/giấy thông hành").
      const written = detailAmount(detail);
      // A single digit ("1 Việt Nam Đồng") is neither reading with confidence: the amount is unknown.
      if (amount !== null && amount > 0 && amount < 1000) amount = written !== undefined && written >= 1000 ? written : amount >= 10 ? amount * 1000 : null;
      const published = `${money[1]} ${unit[1]}`;
      return { fees: [{ amount, text: detail ? `${published} (${detail})` : published }], rest: tail };
    }
  }
  return { fees: [], rest };
}

/** The first amount written out in a fee's detail, e.g. "20.000 vnđ /tờ khai" → 20000. */
export function detailAmount(detail: string): number | undefined {
  const m = /(\d{1,3}(?:\.\d{3})+)\s*(?:đồng|vnđ|vnd|đ(?!\p{L}))/iu.exec(detail);
  return m ? Number(m[1]!.replace(/\./g, '')) : undefined;
}

/**
 * When the fee cell is empty the description may still state the fee ("Lệ phí : 20.000 Đồng …",
 * "Phí, lệ phí (nếu có): Hội đồng nhân dân cấp tỉnh quyết định"); its clause is the fee's text, and
 * the amount is known only when the clause names exactly one sum or says it is free.
 */
export function feesFromNote(note: string): Fee[] {
  const m = /(?:Phí, lệ phí|Lệ phí|Phí)\s*(?:\(nếu có\))?\s*:\s*([^;\n]+)/.exec(note);
  if (!m) return [];
  const text = tidy(m[0]).replace(/\.$/, '');
  const sums = [...m[1]!.matchAll(/(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:đồng|Đồng|VNĐ|vnđ|đ(?!\p{L}))/gu)].map((x) => Number(x[1]!.replace(/\./g, '')));
  const free = /^\s*(?:Miễn|Không thu|Không)/i.test(m[1]!);
  const amount = free ? 0 : new Set(sums).size === 1 ? sums[0]! : null;
  return [{ amount, text }];
}
