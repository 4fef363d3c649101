/** Taobao 淘宝: item pages, 交易详情 (two URL generations) and the logistics page. */
import { alibabaLogistics, alibabaOrder, alibabaProduct } from './alibaba';
import type { SiteAdapter } from './types';
import { taobaoItem as ITEM, taobaoOrder as ORDER, taobaoTrack as TRACK } from './urls';

export const taobao: SiteAdapter = {
  id: 'taobao',
  kinds: ['product', 'order', 'logistics'],
  matches: (u) => ITEM(u) || ORDER(u) || TRACK(u),
  extract(doc, url, now) {
    if (ITEM(url)) return alibabaProduct('taobao', doc, url, now);
    if (ORDER(url)) return alibabaOrder('taobao', doc, url, now);
    return alibabaLogistics('taobao', doc, url, now);
  },
  examples: [
    'https://item.taobao.com/item.htm?id=789012345678',
    'https://item.taobao.com/item.htm?id=789012345678&skuId=5123456789012',
    'https://buyertrade.taobao.com/trade/detail/trade_item_detail.htm?bizOrderId=4863471516469004803&route_to=tm1',
    'https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4863471516469004803',
    'https://market.m.taobao.com/app/dinamic/pc-trade-logistics/home.html?orderId=4863471516469004803',
    'https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=4863471516469004803',
  ],
};

/** `taobao` by page kind for the content scripts: each page loads only the reader it can use. */
export const taobaoItem: SiteAdapter = {
  id: 'taobao',
  kinds: ['product'],
  matches: ITEM,
  extract: (doc, url, now) => alibabaProduct('taobao', doc, url, now),
  examples: ['https://item.taobao.com/item.htm?id=789012345678'],
};
export const taobaoOrder: SiteAdapter = {
  id: 'taobao',
  kinds: ['order'],
  matches: ORDER,
  extract: (doc, url, now) => alibabaOrder('taobao', doc, url, now),
  examples: ['https://trade.taobao.com/trade/detail/trade_order_detail.htm?biz_order_id=4863471516469004803'],
};
export const taobaoTrack: SiteAdapter = {
  id: 'taobao',
  kinds: ['logistics'],
  matches: TRACK,
  extract: (doc, url, now) => alibabaLogistics('taobao', doc, url, now),
  examples: ['https://wuliu.taobao.com/user/order_detail_new.htm?trade_id=4863471516469004803'],
};
