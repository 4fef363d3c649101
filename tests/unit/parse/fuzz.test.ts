import fc from 'fast-check';
import { CARRIERS, STAGES } from '../../../lib/core/model';
import { carrierFromName, detectCarrier } from '../../../lib/parse/carrier';
import { parseShopDate } from '../../../lib/parse/date';
import { decimalToMinor, parsePrice, parsePriceDetailed, parseSignedPrice } from '../../../lib/parse/price';
import { classifyEvent, normalizeEvents } from '../../../lib/parse/tracking';

const RUNS = { numRuns: 3000 };

// Strings built from the characters the parsers care about, so the fuzz reaches deep branches.
const PRICE_BITS = [
  '¥',
  '￥',
  '$',
  'US$',
  'HK$',
  '€',
  '£',
  '元',
  '万',
  '亿',
  '円',
  'RMB',
  'JPY',
  '券后',
  '到手价',
  '原价',
  '-',
  '~',
  '至',
  '.',
  ',',
  '，',
  '．',
  ' ',
  '\n',
  '０',
  '９',
  'e',
  '+',
];
const priceLike = fc
  .array(fc.oneof(fc.constantFrom(...PRICE_BITS), fc.stringMatching(/^\d{1,20}$/)), { maxLength: 12 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  priceLike,
);

describe('parsers never throw and keep their invariants', () => {
  it('parsePrice: null or a non-negative safe integer amount with an ISO currency', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const p = parsePrice(s);
        if (p === null) return;
        expect(Number.isSafeInteger(p.amount)).toBe(true);
        expect(p.amount).toBeGreaterThanOrEqual(0);
        expect(p.currency).toMatch(/^[A-Z]{3}$/);
      }),
      RUNS,
    );
  });

  it('parsePriceDetailed: low ≤ high, price = low', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const p = parsePriceDetailed(s);
        if (!p?.high) return;
        expect(p.low).toEqual(p.price);
        expect(p.high.amount).toBeGreaterThanOrEqual(p.price.amount);
        expect(Number.isSafeInteger(p.high.amount)).toBe(true);
      }),
      RUNS,
    );
  });

  it('parseSignedPrice: safe integers, sign only where parsePrice refuses', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const p = parseSignedPrice(s);
        if (p === null) {
          expect(parsePrice(s)).toBeNull();
          return;
        }
        expect(Number.isSafeInteger(p.amount)).toBe(true);
        if (p.amount < 0) expect(parsePrice(s)).toBeNull();
      }),
      RUNS,
    );
  });

  it('parsePrice reads any written yuan amount exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (fen) => {
        const text = `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
        expect(parsePrice(text)).toEqual({ amount: fen, currency: 'CNY' });
        const grouped = `￥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
        expect(parsePrice(grouped)).toEqual({ amount: fen, currency: 'CNY' });
      }),
      RUNS,
    );
  });

  it('decimalToMinor: null or a safe integer; round-trips fixed decimals', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: -2, max: 6 }), (s, d) => {
        const v = decimalToMinor(s, d);
        if (v !== null) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (minor) => {
        const s = String(minor).padStart(3, '0');
        expect(decimalToMinor(`${s.slice(0, -2)}.${s.slice(-2)}`)).toBe(minor);
      }),
      RUNS,
    );
  });

  it('detectCarrier / carrierFromName: null or a known code', () => {
    const tracking = fc.oneof(anyText, fc.stringMatching(/^(?:SF|YT|JT|JD|DPK|1Z|LP|CN)?[0-9A-Z -]{0,30}$/));
    fc.assert(
      fc.property(tracking, (s) => {
        const c = detectCarrier(s);
        if (c !== null) expect(CARRIERS).toContain(c);
        const n = carrierFromName(s);
        if (n !== null) expect(CARRIERS).toContain(n);
      }),
      RUNS,
    );
  });

  it('classifyEvent: always a stage', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(STAGES).toContain(classifyEvent(s));
      }),
      RUNS,
    );
  });

  it('parseShopDate: null or a non-negative integer', () => {
    const dateLike = fc.oneof(
      anyText,
      fc.stringMatching(
        /^\d{1,4}[-/年.月]\d{1,2}[-/月.日]?\d{0,2}[日 T]?\d{0,2}[:：]?\d{0,2}(?:[:：]\d{0,2})?(?:Z|[+-]\d{2}:?\d{2})?$/,
      ),
      fc.stringMatching(/^(?:今天|昨天|前天)\s?\d{1,2}:\d{1,2}$/),
    );
    fc.assert(
      fc.property(dateLike, fc.integer({ min: 0, max: 4_102_444_800_000 }), (s, now) => {
        const t = parseShopDate(s, now);
        if (t !== null) expect(Number.isInteger(t) && t >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('parseShopDate reads back any Shanghai wall-clock time it is given', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2199, 0, 1) }), (t) => {
        const at = Math.floor(t / 1000) * 1000;
        const w = new Date(at + 8 * 3_600_000).toISOString(); // Shanghai wall clock, formatted as UTC
        expect(parseShopDate(`${w.slice(0, 10)} ${w.slice(11, 19)}`, at)).toBe(at);
        expect(parseShopDate(w.replace('.000Z', '+08:00'), at)).toBe(at);
      }),
      RUNS,
    );
  });

  it('normalizeEvents: sorted oldest first, unique (at, text), valid stages', () => {
    const raw = fc.array(
      fc.record({
        time: fc.oneof(
          anyText,
          fc
            .date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true })
            .map((d) => d.toISOString()),
        ),
        text: anyText,
        location: fc.option(anyText, { nil: undefined }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(raw, (events) => {
        const out = normalizeEvents(events, 1_762_441_735_000);
        const keys = new Set<string>();
        out.forEach((e, i) => {
          if (i > 0) expect(e.at).toBeGreaterThanOrEqual((out[i - 1] as { at: number }).at);
          expect(STAGES).toContain(e.stage);
          const key = `${e.at}\n${e.text}`;
          expect(keys.has(key)).toBe(false);
          keys.add(key);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
