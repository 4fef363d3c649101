/**
 * `order/add` (lib/background/handlers/orders.ts) through the release router with WXT's fakeBrowser and
 * fake-indexeddb: an app order typed in is stored with source manual, chained as an `order-entry` record (no file,
 * the snapshot's hash), evaluated by the same rules; bad input gets a clear refusal and nothing is stored.
 */
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlers } from '@/lib/background/handlers';
import { createRouter, type MessageListener } from '@/lib/background/router';
import { MessageSchema, type MessageOf, type Reply } from '@/lib/core/messages';
import { canonicalJson, sha256Hex } from '@/lib/core/hash';
import type { OrderSnapshot } from '@/lib/core/model';
import { orderIndexKey } from '@/lib/core/keys';
import { db } from '@/lib/store/db';
import { now } from '@/lib/store/clock';
import { verifyStoredEvidence } from '@/lib/store/evidence-store';

const H = 3_600_000;
const fromPage = (): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url: `${browser.runtime.getURL('/')}popup.html`,
});
const fromShopTab = (): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url: 'https://www.taobao.com/',
  tab: { id: 3, index: 0, windowId: 1, active: true } as Browser.tabs.Tab,
});

let router: MessageListener;
let n = 0;

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
  router = createRouter({ schema: MessageSchema, routes: handlers, ready: Promise.resolve(), onDataChanged: () => {} });
});

afterEach(() => vi.restoreAllMocks());

function ask(message: MessageOf<'order/add'>, sender = fromPage()): Promise<Reply<'order/add'>> {
  return router(message, sender) as Promise<Reply<'order/add'>>;
}

/** A Douyin app order paid 60 h ago, with a tracking number and an item; each call a new order number. */
function appOrder(over: Partial<OrderSnapshot> = {}): OrderSnapshot {
  n += 1;
  return {
    kind: 'order',
    platform: 'douyin',
    url: 'app-order:douyin/x',
    orderId: `69312345678901${String(n).padStart(5, '0')}`,
    paid: { amount: 5990, currency: 'CNY' },
    paidAt: now() - 60 * H,
    items: [{ title: '冰丝凉席', unitPrice: { amount: 5990, currency: 'CNY' }, quantity: 1 }],
    shop: '小李的好物铺',
    trackingNumbers: ['78123456789012'],
    capturedAt: 0,
    ...over,
  };
}

async function storedOrders(orderId: string) {
  const d = await db();
  return (await d.getAll('snapshots')).filter((s) => s.kind === 'order' && s.orderId === orderId);
}

describe('order/add', () => {
  it('stores the order as manual, chains its entry record and watches it like a captured one', async () => {
    const order = appOrder();
    const reply = await ask({ type: 'order/add', snapshot: order });
    expect(reply).toMatchObject({ ok: true });
    if (!reply.ok) throw new Error(reply.error);
    const d = await db();
    const [stored] = await storedOrders(order.orderId);
    expect(stored).toMatchObject({ source: 'manual', orderId: order.orderId, paid: order.paid });
    expect(stored?.capturedAt).toBeGreaterThan(0);
    const record = await d.get('evidence', reply.evidenceId);
    expect(record).toMatchObject({
      kind: 'order-entry',
      orderId: order.orderId,
      platform: 'douyin',
      snapshotId: reply.snapshotId,
      trackingNumber: '78123456789012',
    });
    expect(record?.caption).toContain('手动录入');
    // The record binds the facts as stored: the SHA-256 of the stored snapshot's canonical JSON.
    const {
      id: _id,
      key: _k,
      orderKey: _o,
      ...snapshot
    } = stored as OrderSnapshot & {
      id: number;
      key: string;
      orderKey?: string;
    };
    expect(record?.sha256).toBe(await sha256Hex(canonicalJson(snapshot)));
    expect(await d.get('blobs', reply.evidenceId)).toBeUndefined();
    expect(await verifyStoredEvidence(d)).toMatchObject({ ok: true, problems: [] });
    // Paid 60 h ago and no pickup scan: the same rule as for a captured order.
    const alerts = (await d.getAll('alerts')).map((r) => r.alert);
    expect(alerts).toContainEqual(expect.objectContaining({ kind: 'no-pickup', orderId: order.orderId }));
  });

  it('refuses a duplicate order number and offers the edit: an edit is a new record, both kept', async () => {
    const order = appOrder();
    expect(await ask({ type: 'order/add', snapshot: order })).toMatchObject({ ok: true });
    const again = await ask({ type: 'order/add', snapshot: { ...order, paid: { amount: 4990, currency: 'CNY' } } });
    expect(again).toMatchObject({ ok: false, code: 'duplicate', field: 'orderId' });
    expect(await storedOrders(order.orderId)).toHaveLength(1);
    const edit = await ask({ type: 'order/add', snapshot: { ...order, shop: '小李的店' }, edit: true });
    expect(edit).toMatchObject({ ok: true });
    const stored = await storedOrders(order.orderId);
    expect(stored.map((s) => s.kind === 'order' && s.shop)).toEqual(['小李的好物铺', '小李的店']);
    const d = await db();
    const entries = (await d.getAll('evidence')).filter((e) => e.orderId === order.orderId);
    expect(entries.map((e) => [e.kind, e.note])).toEqual([
      ['order-entry', undefined],
      ['order-entry', 'edit'],
    ]);
    expect(entries[1]?.caption).toContain('手动修改');
  });

  it('the same number on another platform is another order', async () => {
    const order = appOrder();
    await ask({ type: 'order/add', snapshot: order });
    expect(await ask({ type: 'order/add', snapshot: { ...order, platform: 'taobao' } })).toMatchObject({ ok: true });
  });

  it.each([
    ['an amount of 0', { paid: { amount: 0, currency: 'CNY' } }, 'amount-zero', 'paid'],
    ['a paid time tomorrow', { paidAt: Date.now() + 24 * H }, 'future-time', 'paidAt'],
    ['no paid time', { paidAt: undefined }, 'no-paid-time', 'paidAt'],
    ['a tracking number no carrier is known for', { trackingNumbers: ['ABC123XYZ9'] }, 'unknown-carrier', 'carrier'],
  ] as const)('refuses %s with a clear message and stores nothing', async (_name, over, code, field) => {
    const order = appOrder(over as Partial<OrderSnapshot>);
    const reply = await ask({ type: 'order/add', snapshot: order });
    expect(reply).toMatchObject({ ok: false, code, field });
    expect(reply.ok === false && reply.error.length).toBeGreaterThan(10);
    expect(await storedOrders(order.orderId)).toHaveLength(0);
  });

  it('takes an unknown number when the shopper names the carrier', async () => {
    const reply = await ask({
      type: 'order/add',
      snapshot: appOrder({ trackingNumbers: ['ABC123XYZ9'], carrier: 'SF' }),
    });
    expect(reply).toMatchObject({ ok: true });
  });

  it('refuses an edit of an order that is not stored', async () => {
    expect(await ask({ type: 'order/add', snapshot: appOrder(), edit: true })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('is refused to a shop page and to a snapshot that is not an order', async () => {
    expect(await ask({ type: 'order/add', snapshot: appOrder() }, fromShopTab())).toEqual({
      ok: false,
      error: 'sender not allowed',
    });
    const bad = await router({ type: 'order/add', snapshot: { ...appOrder(), paid: { amount: 12.5 } } }, fromPage());
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('invalid message: snapshot.paid.amount') });
    const d = await db();
    expect((await d.getAll('snapshots')).filter((s) => s.key === orderIndexKey('douyin', 'x'))).toHaveLength(0);
  });
});
