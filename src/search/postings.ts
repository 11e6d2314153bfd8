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
  /** Documents matched by the current query, in first-match order. */
  private readonly order: Int32Array;
  private tick = 0;

  /** documents[d][f] lists the terms of field f in document d (repeats count as frequency). */
  constructor(documents: readonly (readonly (readonly string[])[])[], fieldCount: number) {
    const n = documents.length;
    // Two passes over flat arrays: the first interns terms and records one entry per distinct
    // (document, field, term) with its frequency; the second lays every term's postings out in
    // two shared buffers. Per-term arrays would leave tens of thousands of objects to collect.
    const termIds = new Map<string, number>();
    const entryKey: number[] = [];
    const entryDoc: number[] = [];
    const entryTf: number[] = [];
    // Per (term, field) key: documents holding it, and the last document and entry seen.
    const df: number[] = [];
    const lastDoc: number[] = [];
    const lastEntry: number[] = [];
    const lengths: Int32Array[] = [];
    // A running mean, computed as MiniSearch does, so scores match it to the last bit.
    const avg = new Float64Array(fieldCount);
    for (let f = 0; f < fieldCount; f++) lengths.push(new Int32Array(n));
    for (let d = 0; d < n; d++) {
      const fields = documents[d]!;
      for (let f = 0; f < fieldCount; f++) {
        const terms = fields[f] ?? [];
        let unique = 0;
        for (const t of terms) {
          if (!t) continue;
          let id = termIds.get(t);
          if (id === undefined) {
            id = termIds.size;
            termIds.set(t, id);
            for (let k = 0; k < fieldCount; k++) {
              df.push(0);
              lastDoc.push(-1);
              lastEntry.push(-1);
            }
          }
          const key = id * fieldCount + f;
          if (lastDoc[key] === d) entryTf[lastEntry[key]!]!++;
          else {
            lastDoc[key] = d;
            lastEntry[key] = entryKey.length;
            entryKey.push(key);
            entryDoc.push(d);
            entryTf.push(1);
            df[key]!++;
            unique++;
          }
        }
        // MiniSearch counts an empty field as one (empty) term: kept, so scores match it.
        const length = terms.length === 0 ? 1 : unique;
        lengths[f]![d] = length;
        avg[f] = (avg[f]! * d + length) / (d + 1);
      }
    }
    const keys = df.length;
    const start = new Int32Array(keys + 1);
    for (let key = 0; key < keys; key++) start[key + 1] = start[key]! + df[key]!;
    const allDocs = new Int32Array(entryKey.length);
    const allScores = new Float64Array(entryKey.length);
    const cursor = start.slice(0, keys);
    // Entries come in document order, so each term's documents land in ascending order.
    for (let e = 0; e < entryKey.length; e++) {
      const key = entryKey[e]!;
      const f = key % fieldCount;
      const d = entryDoc[e]!;
      const tf = entryTf[e]!;
      const count = df[key]!;
      const idf = Math.log(1 + (n - count + 0.5) / (count + 0.5));
      const at = cursor[key]!++;
      allDocs[at] = d;
      allScores[at] = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * lengths[f]![d]!) / avg[f]!)));
    }
    for (const [term, id] of termIds) {
      const fields: (FieldPostings | undefined)[] = [];
      for (let f = 0; f < fieldCount; f++) {
        const key = id * fieldCount + f;
        const from = start[key]!;
        const to = start[key + 1]!;
        fields.push(to === from ? undefined : { docs: allDocs.subarray(from, to), scores: allScores.subarray(from, to) });
      }
      this.index.set(term, fields);
    }
    this.total = new Float64Array(n);
    this.termScore = new Float64Array(n);
    this.matched = new Int32Array(n);
    this.seenAt = new Int32Array(n);
    this.termSeenAt = new Int32Array(n);
    this.touched = new Int32Array(n);
    this.order = new Int32Array(n);
  }

  /** Matching documents by descending score; ties keep the order in which documents were first matched. */
  search(query: PostingsQuery): ScoredDocument[] {
    const order = this.order;
    let found = 0;
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
            order[found++] = d;
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
          order[found++] = d;
        }
        total[d] = total[d]! + termScore[d]!;
        matched[d] = matched[d]! + 1;
      }
    }
    for (let i = 0; i < found; i++) {
      const d = order[i]!;
      total[d] = total[d]! * (matched[d]! || 1);
    }
    let cut = -Infinity;
    const depth = query.depth;
    if (depth !== undefined && depth > 0 && found > 2 * depth) {
      // A common word matches a good part of the catalogue; sorting all of it for the best few
      // costs more than the scoring. The cut score comes from a native numeric sort.
      const scores = new Float64Array(found);
      for (let i = 0; i < found; i++) scores[i] = total[order[i]!]!;
      scores.sort();
      cut = scores[found - depth]!;
    }
    const out: ScoredDocument[] = [];
    for (let i = 0; i < found; i++) {
      const id = order[i]!;
      if (total[id]! >= cut) out.push({ id, score: total[id]!, matched: matched[id]! });
    }
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
