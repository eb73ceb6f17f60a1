/**
 * Category cells as dictionary codes while a file is scanned. A plant column of 500k cells holds
 * a handful of distinct texts; slicing, trimming and lower-casing every cell (for the missing
 * check) allocated strings per cell and left 500k of them for the collector. Here each distinct
 * raw text is sliced and judged once, found again by a hash of its characters, and the column is
 * a Uint32Array of entry indices until the table is assembled.
 */

/** Characters that make a record blank (as in csv-scan.ts). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10 || c === 160 || c === 0xfeff;
}

/** What a raw cell becomes: its trimmed text, or null when it is missing. */
export type CategoryValueOf = (raw: string) => string | null;

export class CategoryDictionary {
  /** Per entry: the raw text (for comparison), its value, whether it is blank (record rule). */
  private readonly raws: string[] = [];
  private readonly hashes: number[] = [];
  readonly values: (string | null)[] = [];
  readonly blank: boolean[] = [];
  /** Open addressing: slot → entry index + 1 (0 = empty). */
  private slots = new Int32Array(64);
  private mask = 63;

  constructor(private readonly valueOf: CategoryValueOf) {}

  /** Entry index of `text.slice(start, end)`, added on first sight. */
  codeOf(text: string, start: number, end: number): number {
    let h = 0;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    return this.codeWithHash(text, start, end, h);
  }

  /** As codeOf, with the hash already computed by the caller's own scan (same formula). */
  codeWithHash(text: string, start: number, end: number, h: number): number {
    const len = end - start;
    let slot = h & this.mask;
    for (;;) {
      const e = this.slots[slot]! - 1;
      if (e < 0) break;
      if (this.hashes[e] === h) {
        const raw = this.raws[e]!;
        if (raw.length === len) {
          let k = 0;
          while (k < len && raw.charCodeAt(k) === text.charCodeAt(start + k)) k++;
          if (k === len) return e;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const raw = text.slice(start, end);
    const e = this.raws.length;
    this.raws.push(raw);
    this.hashes.push(h);
    this.values.push(this.valueOf(raw));
    let blank = true;
    for (let k = 0; k < len && blank; k++) blank = isSpace(raw.charCodeAt(k));
    this.blank.push(blank);
    this.slots[slot] = e + 1;
    if ((e + 1) * 2 > this.mask) this.rehash();
    return e;
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let e = 0; e < this.hashes.length; e++) {
      let slot = this.hashes[e]! & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = e + 1;
    }
  }

  /** The column's values for the first `rows` codes. */
  materialize(codes: Uint32Array, rows: number): (string | null)[] {
    const out = new Array<string | null>(rows);
    const values = this.values;
    for (let r = 0; r < rows; r++) out[r] = values[codes[r]!] as string | null;
    return out;
  }
}
