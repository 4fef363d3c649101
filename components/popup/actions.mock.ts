/**
 * PopupActions as a plain object with sample data: no extension, no database. For unit tests of the popup's
 * views, and for rendering the popup anywhere else (`<PopupApp actions={createPopupActionsMock()} lang="en" />`).
 *
 * Reads answer from the data given (SAMPLE_POPUP_DATA unless told) and SAMPLE_ORDER_EVIDENCE. What the view asks
 * the extension to do is recorded in `calls`, one short string each (`dismiss:<id>`, `ticket:<alertId>`,
 * `correct:<platform>:<productId>:<amount>:<currency>`, …); the evidence it opened, in `opened`. Reads are not
 * recorded: a test that cares about them passes its own in `overrides`, which replace any method.
 */
import { orderRef } from '@/lib/core/keys';
import { DEFAULT_SETTINGS, type Alert } from '@/lib/core/model';
import type { OrderEvidenceItem, OrderRow } from '@/lib/core/order-rows';
import { mockImage } from '../shared/mock-image';
import type { PopupActions, PopupData, ProductRow } from './actions';

export interface PopupActionsMock extends PopupActions {
  /** What the view asked to be done, in order. */
  calls: string[];
  /** Evidence ids openEvidence was asked to show, in order. */
  opened: string[];
}

const H = 3_600_000;
/** The sample's clock: the background's `now` of SAMPLE_POPUP_DATA. */
export const SAMPLE_NOW = Date.UTC(2026, 10, 22, 4, 0);
const PAID = SAMPLE_NOW - 3 * 24 * H;

const product: ProductRow = {
  key: 'product:jd:100012345678',
  platform: 'jd',
  productId: '100012345678',
  title: '小熊电热水壶 1.7L',
  url: 'https://item.jd.com/100012345678.html',
  price: { amount: 7990, currency: 'CNY' },
  listPrice: { amount: 12900, currency: 'CNY' },
  priceSource: 'embedded',
  seenAt: SAMPLE_NOW - H,
  observations: 4,
  evidenceId: 'ev-price-1',
  history: [
    { at: PAID - 24 * H, amount: 8990 },
    { at: PAID + 24 * H, amount: 8990 },
    { at: SAMPLE_NOW - H, amount: 7990 },
  ],
  paidUnit: 8990,
  window: { start: PAID, end: PAID + 7 * 24 * H },
};

const order: OrderRow = {
  key: 'jd:301234567890',
  platform: 'jd',
  orderId: '301234567890',
  url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
  shop: '小熊电器京东自营旗舰店',
  title: '小熊电热水壶 1.7L',
  paid: { amount: 8990, currency: 'CNY' },
  paidAt: PAID,
  status: '已发货',
  windowStart: PAID,
  windowEnd: PAID + 7 * 24 * H,
  trackingNumber: 'JDX000123456789',
  stage: 'transit',
  lastEvent: '快件已到达【北京通州分拣中心】',
};

const drop: Alert = {
  id: 'price-drop:jd:301234567890:100012345678:7990',
  kind: 'price-drop',
  platform: 'jd',
  orderId: '301234567890',
  productId: '100012345678',
  raisedAt: SAMPLE_NOW - H,
  dueAt: PAID + 7 * 24 * H,
  amount: { amount: 1000, currency: 'CNY' },
  message: '价格下降 ¥10.00',
};

/** One product seen, one order in its protection window, and the price drop that order is owed. */
export const SAMPLE_POPUP_DATA: PopupData = {
  products: [product],
  orders: [order],
  captureFailures: 0,
  alerts: [drop],
  settings: DEFAULT_SETTINGS,
  now: SAMPLE_NOW,
};

/** The sample order's evidence, by OrderRow.key, newest first. */
export const SAMPLE_ORDER_EVIDENCE: Record<string, OrderEvidenceItem[]> = {
  [order.key]: [
    {
      id: 'ev-order-1',
      kind: 'order-screenshot',
      capturedAt: PAID + 60_000,
      sha256: '0123456789abcdef'.repeat(4),
      mime: 'image/jpeg',
      caption: '京东 订单 301234567890 实付 ¥89.90',
    },
  ],
};

export function createPopupActionsMock(
  data: PopupData = SAMPLE_POPUP_DATA,
  overrides: Partial<PopupActions> = {},
): PopupActionsMock {
  const calls: string[] = [];
  const opened: string[] = [];
  const evidenceOf = (o: Pick<OrderRow, 'platform' | 'orderId'>) =>
    SAMPLE_ORDER_EVIDENCE[orderRef(o.platform, o.orderId)] ?? [];
  return {
    calls,
    opened,
    load: async () => data,
    thumbnail: async (id) => mockImage(id),
    releaseThumbnail: () => undefined,
    evidenceCounts: async (orders) => Object.fromEntries(orders.map((o) => [o.key, evidenceOf(o).length])),
    orderEvidence: async (o) => evidenceOf(o),
    openEvidence: (id) => void opened.push(id),
    openOrderEvidence: (o) => void calls.push(`order-page:${o.platform}:${o.orderId}`),
    openAddOrder: () => void calls.push('add-order'),
    captureNow: async () => (calls.push('capture'), { ok: true }),
    openOptions: () => void calls.push('options'),
    openOnboarding: () => void calls.push('onboarding'),
    openStampSettings: () => void calls.push('stamp-settings'),
    dismissStampOffer: async () => void calls.push('stamp-offer-dismiss'),
    dismiss: async (id) => void calls.push(`dismiss:${id}`),
    snooze: async (id) => void calls.push(`snooze:${id}`),
    buildTicket: (a) => void calls.push(`ticket:${a.id}`),
    correctPrice: async (platform, productId, price) => (
      calls.push(`correct:${platform}:${productId}:${price.amount}:${price.currency}`),
      { ok: true }
    ),
    attachParcel: async (p) => (
      calls.push(`attach:${p.trackingNumber}:${p.platform}:${p.orderId}:${p.direction ?? 'forward'}`),
      { ok: true }
    ),
    pickPrice: async () => (calls.push('pick'), { ok: true }),
    verifyEvidence: async () => ({ ok: true, records: 2, problems: [] }),
    setLanguage: async (lang) => void calls.push(`language:${lang}`),
    // No timeTravel: it exists in the test build only, and the popup shows its buttons when it is there.
    ...overrides,
  };
}
