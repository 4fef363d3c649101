/**
 * Price observations of one product (platform + productId + currency), oldest first, with O(1)
 * "lowest price between two times" queries (a sparse table, built on first use).
 * Many orders of one product ask about overlapping windows; a scan per order would be
 * O(orders × observations), which the 10,000-order benchmark cannot afford.
 */
export interface LowestPrice {
  amount: number;
  /** The first time the lowest price was seen in the range. */
  at: number;
}

/** Short ranges are cheaper to scan than to build a table for. */
const SCAN_LIMIT = 64;

export class PriceSeries {
  private readonly at: number[] = [];
  private readonly amount: number[] = [];
  private table: Int32Array[] | null = null;

  /** Points must be added in (capturedAt, amount) order; see `sortPoints`. */
  add(at: number, amount: number): void {
    this.at.push(at);
    this.amount.push(amount);
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
    let hi = this.at.length;
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
    const n = this.at.length;
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

interface Sighting {
  capturedAt: number;
  price: { amount: number };
}

interface Bucket {
  platform: string;
  currency: string;
  /** The snapshots themselves: no per-observation copy (100,000 of them in the benchmark). */
  sightings: Sighting[];
  series: PriceSeries | null;
}

/**
 * All price observations by platform + productId + currency. Keyed by productId first, with the few
 * platform/currency pairs in a short list: no key string is built per observation (100,000 of them),
 * and a series is sorted only when an order asks about it.
 */
export class PriceBook {
  private readonly byProduct = new Map<string, Bucket[]>();

  add(snap: {
    platform: string;
    productId: string;
    capturedAt: number;
    price: { amount: number; currency: string };
  }): void {
    let buckets = this.byProduct.get(snap.productId);
    if (!buckets) this.byProduct.set(snap.productId, (buckets = []));
    const { platform, price } = snap;
    // zod defaults the currency to CNY; an unparsed snapshot may leave it out.
    const currency = price.currency || 'CNY';
    let bucket = buckets.find((b) => b.platform === platform && b.currency === currency);
    if (!bucket) buckets.push((bucket = { platform, currency, sightings: [], series: null }));
    bucket.sightings.push(snap);
    bucket.series = null;
  }

  series(platform: string, productId: string, currency: string): PriceSeries | undefined {
    const bucket = this.byProduct.get(productId)?.find((b) => b.platform === platform && b.currency === currency);
    if (!bucket) return undefined;
    if (!bucket.series) {
      bucket.sightings.sort((a, b) => a.capturedAt - b.capturedAt || a.price.amount - b.price.amount);
      bucket.series = new PriceSeries();
      for (const s of bucket.sightings) bucket.series.add(s.capturedAt, s.price.amount);
    }
    return bucket.series;
  }
}
