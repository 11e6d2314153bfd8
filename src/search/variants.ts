// Many procedures exist several times: first issue, re-issue (lost or damaged), exchange,
// renewal; for an individual or an organisation. Such siblings share a field and most of the
// words of their names once the leading action ("Cấp lại", "Cấp đổi", "Gia hạn") is set aside.
// A question that says which one it means ("bị mất" → cấp lại: the lexicon's `variants`
// section) gets that sibling; otherwise the ranking's choice stands and the answer names the
// siblings as buttons. (An organisation cue such as "công ty" sent company questions to the
// wrong sibling on the chat band, so the shipped lexicon has none.)
import type { Procedure } from '../catalogue/schema';
import { askingPart, type QueryAnalysis } from './analyze';
import type { VariantEntry } from './lexicon';
import { fold, tokenize } from './normalize';
import type { SearchTuning } from './options';

const BASE_ACTIONS = ['cap', 'cap moi', 'dang ky', 'dang ki', 'thu tuc'];
// Words that join a name's parts and say nothing of which procedure it is.
const JOINING = new Set(['cua', 'va', 'doi', 'voi', 'cho', 'tai', 'theo', 'trong', 'cac', 'nhung', 'hoac', 'thuc', 'hien', 'truong', 'hop', 'thu', 'tuc', 've', 'viec', 'da', 'duoc']);

const phrase = (words: readonly string[]) => ` ${words.join(' ')} `;

export class VariantFamilies {
  private readonly stems: Set<string>[];
  private readonly names: string[];
  private readonly byField = new Map<string, number[]>();
  private readonly actions: string[][];
  private readonly cache = new Map<number, number[]>();

  constructor(
    private readonly procedures: readonly Procedure[],
    private readonly variantKeys: readonly string[],
    private readonly variants: readonly VariantEntry[],
    private readonly indexName: (name: string) => string,
    private readonly tuning: SearchTuning['variants'],
  ) {
    const actions = [...BASE_ACTIONS.map((a) => a.split(' ')), ...variants.map((v) => v.name)];
    // Longest first, so "cấp lại" is stripped as one action, not "cấp" then "lại".
    this.actions = actions.sort((a, b) => b.length - a.length);
    this.names = procedures.map((p) => phrase(tokenize(indexName(p.name)).map(fold)));
    // A variant's own words ("do bị mất", "có yếu tố nước ngoài") do not tell its family apart either.
    const cues = new Set(variants.flatMap((v) => [...v.cue.flat(), ...v.weak.flat(), ...v.name]));
    this.stems = procedures.map((p) => new Set(this.stem(tokenize(indexName(p.name)).map(fold)).filter((w) => !JOINING.has(w) && !cues.has(w) && w !== 'bi')));
    procedures.forEach((p, id) => {
      const list = this.byField.get(p.field);
      if (list) list.push(id);
      else this.byField.set(p.field, [id]);
    });
  }

  /** The name without its leading actions ("cấp lại thẻ căn cước" → "thẻ căn cước"). */
  private stem(words: string[]): string[] {
    let rest = words;
    for (let again = true; again; ) {
      again = false;
      for (const a of this.actions) {
        if (a.length > 0 && a.length < rest.length && a.every((w, i) => rest[i] === w)) {
          rest = rest.slice(a.length);
          again = true;
          break;
        }
      }
    }
    return rest;
  }

  /**
   * Other variants of a procedure, the most used first: its twins submitted another way (same
   * key, another name: online in full, or partly online or at the counter) first, then the
   * others of its family. Not its level variants (the same name at another level).
   */
  siblings(id: number): number[] {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const stem = this.stems[id]!;
    const key = this.variantKeys[id];
    const sameField = [...(this.byField.get(this.procedures[id]!.field) ?? [])].sort((a, b) => this.procedures[b]!.popularity - this.procedures[a]!.popularity);
    const out = sameField.filter((other) => other !== id && this.variantKeys[other] === key && this.names[other] !== this.names[id]);
    const seenKeys = new Set([key]);
    const { minStem, stemShare } = this.tuning;
    // A short stem ("khai sinh") makes a family only with the very same stem: "Đăng ký khai
    // sinh" and "Đăng ký khai sinh có yếu tố nước ngoài", not "Cấp bản sao … Giấy khai sinh".
    if (stem.size > 0) {
      for (const other of sameField) {
        if (other === id || seenKeys.has(this.variantKeys[other])) continue;
        const s = this.stems[other]!;
        let common = 0;
        for (const w of s) if (stem.has(w)) common++;
        const short = Math.min(stem.size, s.size) < minStem;
        if (short ? common === stem.size && common === s.size : common >= stemShare * Math.min(stem.size, s.size)) {
          out.push(other);
          seenKeys.add(this.variantKeys[other]);
        }
      }
    }
    this.cache.set(id, out);
    return out;
  }

  /**
   * The words of the variants that lead names ("Cấp lại…", "Cấp đổi…", "Gia hạn…") and of their
   * cues, folded ("mat", "hong", "lai"…): they say which sibling, not which procedure.
   */
  cueWords(): Set<string> {
    const leading = this.variants.filter((v) => this.names.some((n) => n.startsWith(phrase(v.name))));
    return new Set(leading.flatMap((v) => [...v.cue.flat(), ...v.weak.flat(), ...v.name]));
  }

  /**
   * The variants the asking words name ("bị mất" → cấp lại), as name phrases. A weak cue
   * ("cấp lại") gives way to another variant's cue, in the asking words or, failing that, in
   * the story around them: "Quyển sổ đỏ … rách nát. … thủ tục xin cấp lại sổ đỏ" is an exchange.
   */
  asked(analysis: QueryAnalysis): string[] {
    const asking = askingPart(analysis);
    const text = (part: { topic: string[]; expansions: string[][] }) => [phrase(part.topic), ...part.expansions.map(phrase)].join('|');
    const saying = (said: string, cues: (v: VariantEntry) => string[][]) =>
      this.variants.filter((v) => {
        const rest = v.unless.reduce((s, u) => s.replaceAll(phrase(u), ' | '), said);
        return cues(v).some((c) => rest.includes(phrase(c)));
      });
    const said = text(asking);
    const strong = saying(said, (v) => v.cue);
    if (strong.length > 0) return strong.map((v) => phrase(v.name));
    const weak = saying(said, (v) => v.weak);
    if (weak.length === 0 || !analysis.long) return weak.map((v) => phrase(v.name));
    const story = saying(text({ topic: analysis.topic.map(fold), expansions: analysis.expansions.map((e) => e.map(fold)) }), (v) => v.cue);
    return (story.length > 0 ? story : weak).map((v) => phrase(v.name));
  }

  /**
   * True when `id`'s name starts with a variant ("Cấp đổi …", "Cấp lại …", "Gia hạn …") that the
   * asking words do not name, and it has siblings: "sổ đỏ" alone is not its exchange.
   */
  leadsWithUnasked(id: number, analysis: QueryAnalysis): boolean {
    if (this.siblings(id).length === 0) return false;
    return this.leads(this.names[id]!, analysis);
  }

  /**
   * The same for a name the catalogue lacks (a portal procedure's), siblings listed or not:
   * "Cấp lại giấy xác nhận … giấy phép lao động" is not what "giấy phép lao động" asks.
   */
  nameLeadsWithUnasked(name: string, analysis: QueryAnalysis): boolean {
    return this.leads(phrase(tokenize(this.indexName(name)).map(fold)), analysis);
  }

  private leads(name: string, analysis: QueryAnalysis): boolean {
    const leading = this.variants.find((v) => name.startsWith(phrase(v.name)));
    return leading !== undefined && !this.asked(analysis).includes(phrase(leading.name));
  }

  /**
   * True when the asking words name two variants and `id` has a sibling that is the one it is
   * not ("mới làm lại CCCD … có phải đổi lại không": the re-issue and the exchange).
   */
  disputed(id: number, analysis: QueryAnalysis): boolean {
    const asked = this.asked(analysis);
    if (asked.length < 2) return false;
    const own = asked.filter((v) => this.names[id]!.includes(v));
    return this.siblings(id).some((s) => asked.some((v) => !own.includes(v) && this.names[s]!.includes(v)));
  }

  /**
   * The sibling of `id` that the asked variants name, when `id` itself is not one of them;
   * the most used such sibling.
   */
  preferred(id: number, asked: readonly string[]): number | undefined {
    if (asked.length === 0 || asked.some((v) => this.names[id]!.includes(v))) return undefined;
    return this.siblings(id).find((s) => asked.some((v) => this.names[s]!.includes(v)));
  }
}
