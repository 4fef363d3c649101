/**
 * Price observations by product (platform + productId + currency) and "lowest price between two
 * times" queries. evaluate runs over 100,000 observations within its bench budget, so
 * - the book keeps times and amounts in flat typed arrays (no object or array per observation),
 *   grouped per product by one counting sort when the first question is asked;
 * - a short series (the usual case: a few dozen sightings) answers by one scan of its unsorted range;
 * - a long one is sorted once and answers from a sparse table (O(1) per query), as many orders of one
 *   product ask about overlapping windows and a scan per order would be O(orders × observations).
 * Every path gives the same answer: the lowest amount with from ≤ capturedAt < to + 1, and of those
 * the earliest sighting.
 */
import { objectList } from './lists';

export interface LowestPrice {
  amount: number;
  /** The first time the lowest price was seen in the range. */
  at: number;
}

/** Short ranges are cheaper to scan than to sort or to build a table for. */
const SCAN_LIMIT = 64;

function grow(array: Float64Array, size: number): Float64Array {
  const bigger = new Float64Array(Math.max(16, size * 2));
  bigger.set(array);
  return bigger;
}

export class PriceSeries {
  private at: Float64Array;
  private amount: Float64Array;
  private size: number;
  private table: Int32Array[] | null = null;

  /** Empty, or over arrays already in (capturedAt, amount) order (the series takes them over). */
  constructor(at?: Float64Array, amount?: Float64Array) {
    this.at = at ?? new Float64Array(16);
    this.amount = amount ?? new Float64Array(16);
    this.size = at ? at.length : 0;
  }

  /** Points must be added in (capturedAt, amount) order. */
  add(at: number, amount: number): void {
    if (this.size === this.at.length) {
      this.at = grow(this.at, this.size);
      this.amount = grow(this.amount, this.size);
    }
    this.at[this.size] = at;
    this.amount[this.size] = amount;
    this.size++;
    this.table = null;
  }

  /** Lowest amount with from ≤ capturedAt ≤ to; ties go to the earliest observation. */
  lowest(from: number, to: number): LowestPrice | null {
    const lo = this.firstAtOrAfter(from);
    const hi = this.firstAtOrAfter(to + 1) - 1;
    if (lo > hi) return null;
    const i = hi - lo < SCAN_LIMIT ? this.scan(lo, hi) : this.query(lo, hi);
    return { amount: this.amount[i] as number, at: this.at[i] as number };
  }

  private firstAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.at[mid] as number) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The better of two indexes: lower amount, then earlier (smaller index). */
  private better(i: number, j: number): number {
    const a = this.amount[i] as number;
    const b = this.amount[j] as number;
    if (a !== b) return a < b ? i : j;
    return i < j ? i : j;
  }

  private scan(lo: number, hi: number): number {
    let best = lo;
    for (let i = lo + 1; i <= hi; i++) best = this.better(best, i);
    return best;
  }

  private query(lo: number, hi: number): number {
    const table = this.table ?? this.build();
    const level = 31 - Math.clz32(hi - lo + 1);
    const row = table[level] as Int32Array;
    return this.better(row[lo] as number, row[hi - (1 << level) + 1] as number);
  }

  private build(): Int32Array[] {
    const n = this.size;
    const first = new Int32Array(n);
    for (let i = 0; i < n; i++) first[i] = i;
    const table = [first];
    for (let width = 2; width <= n; width *= 2) {
      const prev = table[table.length - 1] as Int32Array;
      const half = width / 2;
      const row = new Int32Array(n - width + 1);
      for (let i = 0; i < row.length; i++) row[i] = this.better(prev[i] as number, prev[i + half] as number);
      table.push(row);
    }
    this.table = table;
    return table;
  }
}

/** One product on one platform in one currency: a range of the book's packed arrays. */
interface Bucket {
  platform: string;
  currency: string;
  /** The same productId on another platform or in another currency (rare: a short chain). */
  next: Bucket | null;
  id: number;
  count: number;
  /** Where the range starts in the packed arrays. */
  start: number;
  /** Sorted copy with a sparse table, for a range longer than SCAN_LIMIT; built on first query. */
  series: PriceSeries | null;
}

/**
 * All price observations by platform + productId + currency. Keyed by productId, with the few
 * platform/currency pairs in a short chain: no key string is built per observation.
 */
export class PriceBook {
  private readonly byProduct = new Map<string, Bucket>();
  private readonly buckets: Bucket[] = objectList();
  /** In insertion order: the bucket, time and amount of every observation. */
  private bucketOf: Int32Array;
  private at: Float64Array;
  private amount: Float64Array;
  private size = 0;
  /** Grouped by bucket (each bucket's observations in insertion order); null until first asked. */
  private packedAt: Float64Array | null = null;
  private packedAmount: Float64Array | null = null;

  /** `capacity`: how many observations to expect (e.g. the number of snapshots): no regrowing then. */
  constructor(capacity = 256) {
    const size = Math.max(16, capacity);
    this.bucketOf = new Int32Array(size);
    this.at = new Float64Array(size);
    this.amount = new Float64Array(size);
  }

  add(snap: {
    platform: string;
    productId: string;
    capturedAt: number;
    price: { amount: number; currency: string };
  }): void {
    const { platform, price } = snap;
    // zod defaults the currency to CNY; an unparsed snapshot may leave it out.
    const currency = price.currency || 'CNY';
    const first = this.byProduct.get(snap.productId) ?? null;
    let bucket = first;
    while (bucket !== null && (bucket.platform !== platform || bucket.currency !== currency)) bucket = bucket.next;
    if (!bucket) {
      bucket = { platform, currency, next: null, id: this.buckets.length, count: 0, start: 0, series: null };
      this.buckets.push(bucket);
      if (first) {
        bucket.next = first.next;
        first.next = bucket;
      } else {
        this.byProduct.set(snap.productId, bucket);
      }
    }
    if (this.size === this.at.length) {
      const bigger = new Int32Array(this.size * 2);
      bigger.set(this.bucketOf);
      this.bucketOf = bigger;
      this.at = grow(this.at, this.size);
      this.amount = grow(this.amount, this.size);
    }
    this.bucketOf[this.size] = bucket.id;
    this.at[this.size] = snap.capturedAt;
    this.amount[this.size] = price.amount;
    this.size++;
    bucket.count++;
    this.packedAt = this.packedAmount = null;
  }

  /** Lowest amount seen for the product with from ≤ capturedAt ≤ to; ties go to the earliest sighting. */
  lowest(platform: string, productId: string, currency: string, from: number, to: number): LowestPrice | null {
    const out = { amount: 0, at: 0 };
    return this.lowestInto(out, platform, productId, currency, from, to) ? out : null;
  }

  /** `lowest` written into `out` (no object per query: 10,000 orders ask); false when nothing was seen. */
  lowestInto(
    out: LowestPrice,
    platform: string,
    productId: string,
    currency: string,
    from: number,
    to: number,
  ): boolean {
    let bucket = this.byProduct.get(productId) ?? null;
    while (bucket !== null && (bucket.platform !== platform || bucket.currency !== currency)) bucket = bucket.next;
    if (bucket === null) return false;
    const packedAt = this.packedAt ?? this.pack();
    const packedAmount = this.packedAmount as Float64Array;
    const { start, count } = bucket;
    if (count > SCAN_LIMIT) {
      bucket.series ??= sortedSeries(packedAt, packedAmount, start, count);
      const found = bucket.series.lowest(from, to);
      if (!found) return false;
      out.amount = found.amount;
      out.at = found.at;
      return true;
    }
    // Unsorted range: the lowest amount, and of those the earliest time, is what the sorted
    // series would answer. `< to + 1` is the sorted series' bound, kept exactly.
    const end = start + count;
    const until = to + 1;
    let bestAmount = Infinity;
    let bestAt = 0;
    let found = false;
    for (let i = start; i < end; i++) {
      const at = packedAt[i] as number;
      if (at < from || at >= until) continue;
      const amount = packedAmount[i] as number;
      if (!found || amount < bestAmount || (amount === bestAmount && at < bestAt)) {
        bestAmount = amount;
        bestAt = at;
        found = true;
      }
    }
    out.amount = bestAmount;
    out.at = bestAt;
    return found;
  }

  /** One counting sort by bucket: every bucket's observations become one contiguous range. */
  private pack(): Float64Array {
    const starts = new Int32Array(this.buckets.length);
    let offset = 0;
    for (const bucket of this.buckets) {
      bucket.start = offset;
      bucket.series = null;
      starts[bucket.id] = offset;
      offset += bucket.count;
    }
    const packedAt = new Float64Array(this.size);
    const packedAmount = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const slot = (starts[this.bucketOf[i] as number] as number)++;
      packedAt[slot] = this.at[i] as number;
      packedAmount[slot] = this.amount[i] as number;
    }
    this.packedAt = packedAt;
    this.packedAmount = packedAmount;
    return packedAt;
  }
}

/** A long range sorted by (capturedAt, amount) into a series of its own. */
function sortedSeries(at: Float64Array, amount: Float64Array, start: number, count: number): PriceSeries {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = start + i;
  order.sort((a, b) => (at[a] as number) - (at[b] as number) || (amount[a] as number) - (amount[b] as number));
  const sortedAt = new Float64Array(count);
  const sortedAmount = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    sortedAt[i] = at[order[i] as number] as number;
    sortedAmount[i] = amount[order[i] as number] as number;
  }
  return new PriceSeries(sortedAt, sortedAmount);
}
