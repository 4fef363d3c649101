/**
 * EvidenceActions as a plain object with a sample order and its evidence: no extension, no database. For unit
 * tests of the evidence page's views, and for rendering them anywhere else (`<OrderEvidencePage order={…}
 * row={await mock.loadOrderRow(order)} actions={mock} … />`, or EvidenceView with `await mock.loadRecord(id)`).
 *
 * Reads answer from the sample given (SAMPLE_ORDER_ROW, SAMPLE_RECORDS and the order evidence they make unless
 * told). `attach` adds the file to the order's evidence as the real chain would, so the list reads it back.
 * `addOrder` keeps typed-in orders (refusing what the worker refuses, a stored number included) for `loadOrder`.
 * What the page asks to be done is recorded in `calls` (`attach:<file>:<platform>:<orderId>`, `delete:<id>`,
 * `add:<platform>:<orderId>[:edit]`, `screen:<file>:<platform>:<orderId>`);
 * reads are not: a test that cares about them passes its own in `overrides`, which replace any member.
 */
import type { Evidence, OrderSnapshot } from '@/lib/core/model';
import { APP_ORDER_SCREEN_CAPTION, checkManualOrder } from '@/lib/core/manual-order';
import type { OrderRef } from '@/lib/core/order-page';
import { orderEvidence, type OrderEvidenceItem, type OrderRow } from '@/lib/core/order-rows';
import { mockImage } from '../shared/mock-image';
import type { EvidenceActions } from './actions';
import { orderRef } from '@/lib/core/keys';

export interface EvidenceActionsMock extends EvidenceActions {
  /** What the page asked to be done, in order. */
  calls: string[];
}

export interface EvidenceSample {
  /** Orders the page can show; the others load as "never read". */
  rows?: OrderRow[];
  /** Each order's evidence by its `orderRef`, any order (the list is sorted newest first). */
  evidence?: Record<string, OrderEvidenceItem[]>;
  /** Records the record view can show, by id. */
  records?: Evidence[];
  /** When attachments are added (each a minute after the last). */
  now?: number;
  /** Orders typed in earlier (what `loadOrder` answers). */
  orders?: OrderSnapshot[];
}

/** The sample's clock. */
export const SAMPLE_NOW = Date.UTC(2026, 10, 3, 8, 0);
const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);

export const SAMPLE_ORDER: OrderRef = { platform: 'jd', orderId: '301234567890' };

export const SAMPLE_ORDER_ROW: OrderRow = {
  key: 'jd:301234567890',
  platform: 'jd',
  orderId: '301234567890',
  url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
  title: '小熊电热水壶 1.7L',
  shop: '小熊电器京东自营旗舰店',
  paid: { amount: 8990, currency: 'CNY' },
  paidAt: PAID,
  status: '已完成',
};

const hex = (c: string) => c.repeat(64);

/** The sample order's screenshot and page archive, as chained records. */
export const SAMPLE_RECORDS: Evidence[] = [
  {
    id: 'ev-order-1',
    seq: 0,
    kind: 'order-screenshot',
    capturedAt: PAID + 60_000,
    url: SAMPLE_ORDER_ROW.url,
    platform: 'jd',
    orderId: '301234567890',
    caption: '京东 订单 301234567890 实付 ¥89.90',
    mime: 'image/jpeg',
    bytes: 182_304,
    sha256: hex('1'),
    contentSha256: hex('2'),
    prevHash: null,
    recordHash: hex('3'),
  },
  {
    id: 'ev-order-1-page',
    seq: 1,
    kind: 'page-archive',
    capturedAt: PAID + 61_000,
    url: SAMPLE_ORDER_ROW.url,
    platform: 'jd',
    orderId: '301234567890',
    mime: 'application/x-mimearchive',
    bytes: 1_402_117,
    sha256: hex('4'),
    fileName: '301234567890.mhtml',
    prevHash: hex('3'),
    recordHash: hex('5'),
  },
];

const keyOf = (o: OrderRef) => orderRef(o.platform, o.orderId);

export function createEvidenceActionsMock(
  sample: EvidenceSample = {},
  overrides: Partial<EvidenceActions> = {},
): EvidenceActionsMock {
  const calls: string[] = [];
  const rows = sample.rows ?? [SAMPLE_ORDER_ROW];
  const records = sample.records ?? SAMPLE_RECORDS;
  const evidence = new Map(
    Object.entries(sample.evidence ?? { [keyOf(SAMPLE_ORDER)]: orderEvidence(records, SAMPLE_ORDER.platform) }).map(
      ([k, items]) => [k, [...items]],
    ),
  );
  let clock = sample.now ?? SAMPLE_NOW;
  const typed = new Map((sample.orders ?? []).map((o) => [keyOf(o), o]));
  const addEvidence = (o: OrderRef, item: OrderEvidenceItem) =>
    evidence.set(keyOf(o), [...(evidence.get(keyOf(o)) ?? []), item]);
  return {
    calls,
    loadOrder: async (o) => typed.get(keyOf(o)) ?? null,
    async addOrder(snapshot, edit) {
      const stored = typed.has(keyOf(snapshot)) || rows.some((r) => keyOf(r) === keyOf(snapshot));
      const refused = checkManualOrder(snapshot, { now: clock, stored, edit });
      if (refused) return refused;
      calls.push(`add:${snapshot.platform}:${snapshot.orderId}${edit ? ':edit' : ''}`);
      typed.set(keyOf(snapshot), { ...snapshot, source: 'manual', capturedAt: clock });
      return { ok: true, snapshotId: typed.size };
    },
    async attachAppScreen(file, o) {
      calls.push(`screen:${file.name}:${o.platform}:${o.orderId}`);
      clock += 60_000;
      addEvidence(o, {
        id: `ev-${file.name}`,
        kind: 'attachment',
        capturedAt: clock,
        sha256: 'cd'.repeat(32),
        mime: file.type,
        fileName: file.name,
        caption: APP_ORDER_SCREEN_CAPTION,
      });
    },
    now: async () => clock,
    loadOrderRow: async (o) => rows.find((r) => r.platform === o.platform && r.orderId === o.orderId) ?? null,
    orderEvidence: async (o) => [...(evidence.get(keyOf(o)) ?? [])].sort((a, b) => b.capturedAt - a.capturedAt),
    thumbnail: async (id) => mockImage(id),
    releaseThumbnail: () => undefined,
    async attach(file, o) {
      calls.push(`attach:${file.name}:${o.platform}:${o.orderId}`);
      clock += 60_000;
      const items = evidence.get(keyOf(o)) ?? [];
      items.push({
        id: `ev-${file.name}`,
        kind: 'attachment',
        capturedAt: clock,
        sha256: 'ab'.repeat(32),
        mime: file.type,
        fileName: file.name,
      });
      evidence.set(keyOf(o), items);
    },
    async loadRecord(id) {
      const record = records.find((r) => r.id === id) ?? null;
      return { record, src: record ? mockImage(id) : null, seenAgain: [] };
    },
    deleteRecord: async (id) => void calls.push(`delete:${id}`),
    ...overrides,
  };
}
