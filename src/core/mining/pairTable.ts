/**
 * Interns pairs of non-negative int32s (a word and the next word, or an n-gram and the next word) to
 * dense ids, counting uses and distinct documents. Open addressing over typed arrays: the n-gram
 * counts of a large corpus are the hottest loop of mining, and a Map keyed by `a * 2^21 + b` would box
 * every key above 2^31.
 */
export class PairTable {
  private keysA = new Int32Array(1 << 12);
  private keysB = new Int32Array(1 << 12);
  /** id + 1 per slot; 0 marks an empty slot. */
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  /** A slot is the high bits of the mixed pair (32 - shift of them): the low bits of a product mix poorly. */
  private shift = 20;
  /** How many distinct pairs; ids run from 0 to size - 1 in order of first use. */
  size = 0;
  counts = new Int32Array(1 << 11);
  /** Each id's pair, so callers can walk the pairs by id. */
  firsts = new Int32Array(1 << 11);
  seconds = new Int32Array(1 << 11);
  documentCounts = new Int32Array(1 << 11);
  private lastDocument = new Int32Array(1 << 11).fill(-1);

  /** Records one use of (a, b) in `document`; returns the pair's id. */
  add(a: number, b: number, document: number): number {
    const id = this.intern(a, b);
    this.counts[id]++;
    if (this.lastDocument[id] !== document) {
      this.lastDocument[id] = document;
      this.documentCounts[id]++;
    }
    return id;
  }

  /** The pair's id, given on first sight; nothing is counted (for tables that only name chains of tokens). */
  intern(a: number, b: number): number {
    let slot = this.find(a, b);
    const known = this.slots[slot] - 1;
    if (known >= 0) return known;
    if ((this.size + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.find(a, b);
    }
    const id = this.size++;
    this.slots[slot] = id + 1;
    this.keysA[slot] = a;
    this.keysB[slot] = b;
    if (id >= this.counts.length) this.growCounts();
    this.firsts[id] = a;
    this.seconds[id] = b;
    return id;
  }

  /**
   * Takes back one use of (a, b) in `document` (a corpus file was changed or removed); returns the pair's id. The
   * pair keeps its id at count 0. `document` must not be a value that `add` was called with: it marks the
   * document's first removal, as `add` marks a first use.
   */
  remove(a: number, b: number, document: number): number {
    const id = this.get(a, b);
    if (id < 0) return id;
    this.counts[id]--;
    if (this.lastDocument[id] !== document) {
      this.lastDocument[id] = document;
      this.documentCounts[id]--;
    }
    return id;
  }

  /** The pair's id, or -1 if it was never added. */
  get(a: number, b: number): number {
    return this.slots[this.find(a, b)] - 1;
  }

  /** How often the pair was added (0 for unknown ids, so callers can pass -1). */
  count(id: number): number {
    return id < 0 ? 0 : this.counts[id];
  }

  private find(a: number, b: number): number {
    let slot = Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b) >>> this.shift;
    while (this.slots[slot] !== 0 && (this.keysA[slot] !== a || this.keysB[slot] !== b)) slot = (slot + 1) & this.mask;
    return slot;
  }

  private grow(): void {
    const { keysA, keysB, slots } = this;
    const capacity = slots.length * 2;
    this.keysA = new Int32Array(capacity);
    this.keysB = new Int32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.shift--;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === 0) continue;
      const slot = this.find(keysA[i], keysB[i]);
      this.slots[slot] = slots[i];
      this.keysA[slot] = keysA[i];
      this.keysB[slot] = keysB[i];
    }
  }

  private growCounts(): void {
    const capacity = this.counts.length * 2;
    const counts = new Int32Array(capacity);
    counts.set(this.counts);
    const documentCounts = new Int32Array(capacity);
    documentCounts.set(this.documentCounts);
    const lastDocument = new Int32Array(capacity).fill(-1);
    lastDocument.set(this.lastDocument);
    const firsts = new Int32Array(capacity);
    firsts.set(this.firsts);
    const seconds = new Int32Array(capacity);
    seconds.set(this.seconds);
    this.firsts = firsts;
    this.seconds = seconds;
    this.counts = counts;
    this.documentCounts = documentCounts;
    this.lastDocument = lastDocument;
  }
}
