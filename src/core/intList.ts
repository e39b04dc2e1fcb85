/** A growable list of 32-bit integers, often a flat list of records of two or three. */
export class IntList {
  private items: Int32Array;
  length = 0;

  constructor(capacity = 256) {
    this.items = new Int32Array(Math.max(3, capacity));
  }

  /** Appends `a`, then `b` and `c` when given (one record). */
  push(a: number, b?: number, c?: number): void {
    if (this.length + 3 > this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = a;
    if (b !== undefined) this.items[this.length++] = b;
    if (c !== undefined) this.items[this.length++] = c;
  }

  /** The values, without a copy: valid until the next `push`. */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }

  /** The values, copied. */
  toArray(): Int32Array {
    return this.items.slice(0, this.length);
  }
}
