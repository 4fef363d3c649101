/** Tmall 天猫: item pages (ICE data as Taobao, legacy `TShop.Setup`) and order detail (`var detailData`). */
import { alibabaOrder, alibabaProduct } from './alibaba';
import type { SiteAdapter } from './types';
import { tmallItem as ITEM, tmallOrder as ORDER } from './urls';

export const tmall: SiteAdapter = {
  id: 'tmall',
  kinds: ['product', 'order'],
  matches: (u) => ITEM(u) || ORDER(u),
  extract: (doc, url, now) =>
    ITEM(url) ? alibabaProduct('tmall', doc, url, now) : alibabaOrder('tmall', doc, url, now),
  examples: [
    'https://detail.tmall.com/item.htm?id=18959526273',
    'https://chaoshi.detail.tmall.com/item.htm?id=601234567890&skuId=4401234567890',
    'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=3301234567890123456',
  ],
};

/** The halves of `tmall` for the content scripts: item hosts load only the product reader. */
export const tmallItem: SiteAdapter = {
  id: 'tmall',
  kinds: ['product'],
  matches: ITEM,
  extract: (doc, url, now) => alibabaProduct('tmall', doc, url, now),
  examples: ['https://detail.tmall.com/item.htm?id=18959526273'],
};
export const tmallOrder: SiteAdapter = {
  id: 'tmall',
  kinds: ['order'],
  matches: ORDER,
  extract: (doc, url, now) => alibabaOrder('tmall', doc, url, now),
  examples: ['https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=3301234567890123456'],
};
