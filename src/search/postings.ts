// A small inverted index scored like MiniSearch 7 with its defaults (BM25 with k 1.2, b 0.7,
// d 0.5; a document's score multiplied by the number of query terms it matched; OR of terms),
// but built for this index's one query shape: exact terms, per-term boosts, fixed field boosts.
// The catalogue never changes after the build, so every posting's BM25 part is computed once
// there, and a query only adds precomputed numbers into one array instead of allocating a
// result object and a match map per document and term.

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

interface FieldPostings {
  /** Document ids in ascending order. */
  docs: Int32Array;
  /** BM25 score of the term in each document's field, before boosts. */
  scores: Float64Array;
}

export interface ScoredDocument {
  id: number;
  score: number;
  /** Distinct query terms the document matched. */
  matched: number;
}

export interface PostingsQuery {
  terms: readonly string[];
  boost: (term: string) => number;
  /** Indexes of the fields to search, in the order their scores are added. */
  fields: readonly number[];
  fieldBoosts: readonly number[];
  /** Only the best this many are wanted (ties at the cut are all kept); all when absent. */
  depth?: number;
}

export class Postings {
  private readonly index = new Map<string, (FieldPostings | undefined)[]>();
  private readonly total: Float64Array;
  private readonly termScore: Float64Array;
  private readonly matched: Int32Array;
  /** Query and term stamps per document, so the scratch arrays need no clearing between queries. */
  private readonly seenAt: Int32Array;
  private readonly termSeenAt: Int32Array;
  private readonly touched: Int32Array;
  private tick = 0;

  /** documents[d][f] lists the terms of field f in document d (repeats count as frequency). */
  constructor(documents: readonly (readonly (readonly string[])[])[], fieldCount: number) {
    const n = documents.length;
    // Terms as small integers while building: one lookup per token, and a repeated term in a
    // field is seen by its list already ending with this document, without a map per field.
    const termIds = new Map<string, number>();
    const lists: { docs: number[]; tf: number[] }[][] = [];
    for (let f = 0; f < fieldCount; f++) lists.push([]);
    const lengths: Int32Array[] = [];
    // A running mean, computed as MiniSearch does, so scores match it to the last bit.
    const avg = new Float64Array(fieldCount);
    for (let f = 0; f < fieldCount; f++) lengths.push(new Int32Array(n));
    for (let d = 0; d < n; d++) {
      const fields = documents[d]!;
      for (let f = 0; f < fieldCount; f++) {
        const terms = fields[f] ?? [];
        const byTerm = lists[f]!;
        let unique = 0;
        for (const t of terms) {
          if (!t) continue;
          let id = termIds.get(t);
          if (id === undefined) termIds.set(t, (id = termIds.size));
          let list = byTerm[id];
          if (!list) byTerm[id] = list = { docs: [], tf: [] };
          const last = list.docs.length - 1;
          if (last >= 0 && list.docs[last] === d) list.tf[last]!++;
          else {
            list.docs.push(d);
            list.tf.push(1);
            unique++;
          }
        }
        // MiniSearch counts an empty field as one (empty) term: kept, so scores match it.
        const length = terms.length === 0 ? 1 : unique;
        lengths[f]![d] = length;
        avg[f] = (avg[f]! * d + length) / (d + 1);
      }
    }
    for (const [term, id] of termIds) {
      const fields: (FieldPostings | undefined)[] = [];
      for (let f = 0; f < fieldCount; f++) {
        const list = lists[f]![id];
        if (!list) {
          fields.push(undefined);
          continue;
        }
        const df = list.docs.length;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        const scores = new Float64Array(df);
        for (let i = 0; i < df; i++) {
          const tf = list.tf[i]!;
          const fieldLength = lengths[f]![list.docs[i]!]!;
          scores[i] = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / avg[f]!)));
        }
        fields.push({ docs: Int32Array.from(list.docs), scores });
      }
      this.index.set(term, fields);
    }
    this.total = new Float64Array(n);
    this.termScore = new Float64Array(n);
    this.matched = new Int32Array(n);
    this.seenAt = new Int32Array(n);
    this.termSeenAt = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  /** Matching documents by descending score; ties keep the order in which documents were first matched. */
  search(query: PostingsQuery): ScoredDocument[] {
    const order: number[] = [];
    const { total, termScore, matched, seenAt, termSeenAt } = this;
    if (this.tick > 0x3fffffff - query.terms.length - 1) {
      seenAt.fill(0);
      termSeenAt.fill(0);
      this.tick = 0;
    }
    const stamp = ++this.tick;
    for (let q = 0; q < query.terms.length; q++) {
      const term = query.terms[q]!;
      const entry = this.index.get(term);
      if (!entry) continue;
      const termBoost = query.boost(term);
      let inFields = 0;
      let only = -1;
      for (const f of query.fields) {
        if (entry[f]) {
          inFields++;
          only = f;
        }
      }
      if (inFields === 0) continue;
      if (inFields === 1) {
        // One field: the term's sum is its one product, so it goes straight into the total.
        const weight = termBoost * query.fieldBoosts[only]!;
        const { docs, scores } = entry[only]!;
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          if (seenAt[d] !== stamp) {
            seenAt[d] = stamp;
            total[d] = 0;
            matched[d] = 0;
            order.push(d);
          }
          total[d] = total[d]! + weight * scores[i]!;
          matched[d] = matched[d]! + 1;
        }
        continue;
      }
      // Per-term sums first, then into the total, in MiniSearch's order, so equal inputs give
      // bit-identical scores and ties break the same way.
      const touched = this.touched;
      let count = 0;
      const termStamp = ++this.tick;
      for (const f of query.fields) {
        const postings = entry[f];
        if (!postings) continue;
        const weight = termBoost * query.fieldBoosts[f]!;
        const { docs, scores } = postings;
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          if (termSeenAt[d] !== termStamp) {
            termSeenAt[d] = termStamp;
            termScore[d] = 0;
            touched[count++] = d;
          }
          termScore[d] = termScore[d]! + weight * scores[i]!;
        }
      }
      for (let k = 0; k < count; k++) {
        const d = touched[k]!;
        if (seenAt[d] !== stamp) {
          seenAt[d] = stamp;
          total[d] = 0;
          matched[d] = 0;
          order.push(d);
        }
        total[d] = total[d]! + termScore[d]!;
        matched[d] = matched[d]! + 1;
      }
    }
    let ids = order;
    for (const d of ids) total[d] = total[d]! * (matched[d]! || 1);
    const depth = query.depth;
    if (depth !== undefined && depth > 0 && ids.length > 2 * depth) {
      // A common word matches a good part of the catalogue; sorting all of it for the best few
      // costs more than the scoring. The cut score comes from a native numeric sort.
      const scores = Float64Array.from(ids, (d) => total[d]!).sort();
      const cut = scores[scores.length - depth]!;
      ids = ids.filter((d) => total[d]! >= cut);
    }
    const out = ids.map((id) => ({ id, score: total[id]!, matched: matched[id]! }));
    // Array.prototype.sort is stable: ties keep first-match order, as MiniSearch's do.
    out.sort((a, b) => b.score - a.score);
    return out;
  }

  /** The documents whose field holds the term, ascending; for contains(). */
  documents(term: string, field: number): Int32Array | undefined {
    return this.index.get(term)?.[field]?.docs;
  }
}

/** True when an ascending list of document ids holds the id. */
export function contains(docs: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = docs[mid]!;
    if (d === id) return true;
    if (d < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
