/**
 * The brief's scenario (issue #17 item 4) before the live-room reader exists: a live room page served on its real
 * URL, and its product observation (channel 'live', roomId) reported from inside that tab the way a content script
 * reports: a script the extension injects into the tab (scripting.executeScript, isolated world) sends
 * `snapshot/report`, so the background sees a shop tab as the sender and takes the automatic screenshot of that tab,
 * filed under the stored snapshot. When the live reader lands, its own content script replaces the injection.
 */
import type { OrderSnapshot, ProductSnapshot } from '@/lib/core/model';
import { DOUYIN_ID, DOUYIN_URL } from './douyin-page';

export const ROOM_ID = '730001';
export const LIVE_URL = `https://live.douyin.com/${ROOM_ID}`;
/** The live price, ¥20.00 under the shop page's ¥79.90 (tests/fixtures/responses/douyin/pack-h5-constructed.json). */
export const LIVE_PRICE = 5990;
export const SHOP_PRICE = 7990;
export const ORDER_ID = '6920000000000730001';

export function liveRoomPage(): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>滇红官方旗舰店的直播间 - 抖音直播</title></head>
<body style="font:20px sans-serif"><h1>滇红官方旗舰店 直播中</h1>
<div class="explaining"><p>正在讲解：云南高山红茶 500g 礼盒装</p><p class="price">直播价 ¥59.90</p></div></body></html>`;
}

export function liveObservation(): ProductSnapshot {
  return {
    kind: 'product',
    platform: 'douyin',
    url: LIVE_URL,
    productId: DOUYIN_ID,
    title: '云南高山红茶 500g 礼盒装',
    price: { amount: LIVE_PRICE, currency: 'CNY' },
    shop: '滇红官方旗舰店',
    channel: 'live',
    roomId: ROOM_ID,
    capturedAt: 0,
  };
}

/** Douyin orders live in the app: the order as the shopper's app-order entry would give it (no page, no screenshot). */
export function douyinOrder(paidAt: number): OrderSnapshot {
  return {
    kind: 'order',
    platform: 'douyin',
    url: DOUYIN_URL,
    orderId: ORDER_ID,
    paidAt,
    paid: { amount: SHOP_PRICE, currency: 'CNY' },
    shop: '滇红官方旗舰店',
    items: [
      {
        productId: DOUYIN_ID,
        title: '云南高山红茶 500g 礼盒装',
        unitPrice: { amount: SHOP_PRICE, currency: 'CNY' },
        quantity: 1,
      },
    ],
    source: 'manual',
    capturedAt: 0,
  };
}

type Api = {
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
  scripting: {
    executeScript(i: {
      target: { tabId: number };
      func: (m: unknown) => unknown;
      args: unknown[];
    }): Promise<{ result?: unknown }[]>;
  };
};

/**
 * Runs in an extension page (serialised by the driver: it closes over nothing): injects into the tab showing `url`
 * a script that sends `message` to the background, and resolves to the background's reply.
 */
export async function reportFromTab(arg: { url: string; message: unknown }): Promise<unknown> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  const [tab] = await api.tabs.query({ url: arg.url });
  if (tab?.id === undefined) throw new Error(`no tab shows ${arg.url}`);
  const [done] = await api.scripting.executeScript({
    target: { tabId: tab.id },
    func: (m: unknown) => {
      const r = globalThis as unknown as {
        browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
        chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      };
      return (r.browser ?? r.chrome)!.runtime.sendMessage(m);
    },
    args: [arg.message],
  });
  return done?.result;
}
