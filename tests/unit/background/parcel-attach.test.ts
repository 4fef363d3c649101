/**
 * `parcel/attach` (lib/background/handlers/parcels.ts) through the release router with WXT's fakeBrowser and
 * fake-indexeddb: a parcel no order lists is attached to an order by new snapshots (the order with the number added,
 * the parcel filed under it), nothing stored is rewritten; an unknown order or a number on another order is refused.
 */
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlers } from '@/lib/background/handlers';
import { createRouter, type MessageListener } from '@/lib/background/router';
import { MessageSchema, type MessageOf, type Reply } from '@/lib/core/messages';
import type { LogisticsSnapshot, OrderSnapshot } from '@/lib/core/model';
import { addSnapshot, db } from '@/lib/store/db';
import { strayParcels } from '@/lib/store/popup-view';

const fromPage = (): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url: `${browser.runtime.getURL('/')}popup.html`,
});
const fromShopTab = (): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url: 'https://www.kuaidi100.com/',
  tab: { id: 3, index: 0, windowId: 1, active: true } as Browser.tabs.Tab,
});

let router: MessageListener;
let onDataChanged: () => void;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
  onDataChanged = vi.fn<() => void>();
  router = createRouter({ schema: MessageSchema, routes: handlers, ready: Promise.resolve(), onDataChanged });
  const d = await db();
  await d.clear('snapshots');
});

afterEach(() => vi.restoreAllMocks());

function ask(message: MessageOf<'parcel/attach'>, sender = fromPage()): Promise<Reply<'parcel/attach'>> {
  return router(message, sender) as Promise<Reply<'parcel/attach'>>;
}

const order = (over: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  kind: 'order',
  platform: 'jd',
  url: 'https://details.jd.com/normal/item.action?orderid=300123',
  orderId: '300123',
  paid: { amount: 12900, currency: 'CNY' },
  items: [],
  trackingNumbers: ['JDV000111222333'],
  capturedAt: 1_000,
  ...over,
});

const parcel = (over: Partial<LogisticsSnapshot> = {}): LogisticsSnapshot => ({
  kind: 'logistics',
  url: 'https://www.kuaidi100.com/chaxun?nu=SF1234567890123',
  trackingNumber: 'SF1234567890123',
  carrier: 'SF',
  events: [{ at: 2_000, text: '已揽收', stage: 'pickup' }],
  capturedAt: 2_000,
  ...over,
});

async function stored() {
  const d = await db();
  return d.getAll('snapshots');
}

describe('parcel/attach', () => {
  it('adds the number to the order in a new snapshot and files the parcel under it, keeping the old records', async () => {
    const d = await db();
    await addSnapshot(d, order());
    await addSnapshot(d, parcel());
    const before = await stored();
    // The popup offers it: no order lists the number.
    expect(strayParcels(before)).toEqual([
      { trackingNumber: 'SF1234567890123', carrier: 'SF', lastEvent: { at: 2_000, text: '已揽收' }, capturedAt: 2_000 },
    ]);
    const reply = await ask({
      type: 'parcel/attach',
      trackingNumber: 'SF1234567890123',
      platform: 'jd',
      orderId: '300123',
    });
    expect(reply).toMatchObject({ ok: true });
    const after = await stored();
    expect(after.slice(0, before.length)).toEqual(before);
    const orders = after.filter((s) => s.kind === 'order');
    expect(orders).toHaveLength(2);
    expect(orders[1]).toMatchObject({ orderId: '300123', trackingNumbers: ['JDV000111222333', 'SF1234567890123'] });
    const parcels = after.filter((s) => s.kind === 'logistics');
    expect(parcels).toHaveLength(2);
    expect(parcels[0]).not.toHaveProperty('orderId');
    expect(parcels[1]).toMatchObject({
      platform: 'jd',
      orderId: '300123',
      orderKey: 'order:jd:300123',
      events: parcel().events,
    });
    expect(parcels[1]).not.toHaveProperty('direction');
    expect(strayParcels(after)).toEqual([]);
    expect(onDataChanged).toHaveBeenCalledTimes(1);
  });

  it('attaches a return parcel to the order’s return numbers', async () => {
    const d = await db();
    await addSnapshot(d, order());
    await addSnapshot(d, parcel());
    const reply = await ask({
      type: 'parcel/attach',
      trackingNumber: 'SF1234567890123',
      platform: 'jd',
      orderId: '300123',
      direction: 'return',
    });
    expect(reply).toMatchObject({ ok: true });
    const all = await stored();
    const last = all.filter((s) => s.kind === 'order').at(-1);
    expect(last).toMatchObject({ trackingNumbers: ['JDV000111222333'], returnTrackingNumbers: ['SF1234567890123'] });
    expect(all.filter((s) => s.kind === 'logistics').at(-1)).toMatchObject({ orderId: '300123', direction: 'return' });
  });

  it('refuses an unknown order and stores nothing', async () => {
    const d = await db();
    await addSnapshot(d, order());
    await addSnapshot(d, parcel());
    const reply = await ask({
      type: 'parcel/attach',
      trackingNumber: 'SF1234567890123',
      platform: 'jd',
      orderId: '999',
    });
    expect(reply).toMatchObject({ ok: false, code: 'unknown-order' });
    expect(await stored()).toHaveLength(2);
  });

  it('refuses a number another order lists already', async () => {
    const d = await db();
    await addSnapshot(d, order());
    await addSnapshot(d, order({ orderId: '300456', trackingNumbers: ['SF1234567890123'] }));
    await addSnapshot(d, parcel());
    const reply = await ask({
      type: 'parcel/attach',
      trackingNumber: 'SF1234567890123',
      platform: 'jd',
      orderId: '300123',
    });
    expect(reply).toMatchObject({ ok: false, code: 'other-order', error: expect.stringContaining('another order') });
    expect(await stored()).toHaveLength(3);
  });

  it('refuses a number no parcel was read for', async () => {
    const d = await db();
    await addSnapshot(d, order());
    const reply = await ask({ type: 'parcel/attach', trackingNumber: 'YT000', platform: 'jd', orderId: '300123' });
    expect(reply).toMatchObject({ ok: false, code: 'unknown-parcel' });
  });

  it('is refused to a shop tab and checks what it is sent', async () => {
    const m = { type: 'parcel/attach', trackingNumber: 'SF1234567890123', platform: 'jd', orderId: '300123' } as const;
    expect(await ask(m, fromShopTab())).toEqual({ ok: false, error: 'sender not allowed' });
    expect(await router({ ...m, direction: 'sideways' }, fromPage())).toMatchObject({
      ok: false,
      error: expect.stringContaining('invalid message: direction'),
    });
    expect(await router({ ...m, trackingNumber: '' }, fromPage())).toMatchObject({ ok: false });
  });
});
