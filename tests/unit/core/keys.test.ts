import {
  orderIndexKey,
  orderRef,
  productIndexKey,
  productRef,
  snapshotKey,
  snapshotOrderKey,
  subjectRef,
} from '@/lib/core/keys';
import type { PageSnapshot } from '@/lib/model';

const order: PageSnapshot = {
  kind: 'order',
  platform: 'jd',
  url: 'https://details.jd.com/normal/item.action?orderid=301',
  orderId: '301',
  paid: { amount: 549900, currency: 'CNY' },
  items: [{ title: 'x', quantity: 1 }],
  capturedAt: 0,
};
const product: PageSnapshot = {
  kind: 'product',
  platform: 'taobao',
  url: 'https://item.taobao.com/item.htm?id=7',
  productId: '7',
  title: 'x',
  price: { amount: 100, currency: 'CNY' },
  capturedAt: 0,
};
const parcel: PageSnapshot = {
  kind: 'logistics',
  url: 'https://wuliu.taobao.com/x',
  trackingNumber: 'SF1234567890',
  orderId: '301',
  events: [],
  capturedAt: 0,
};

describe('keys: one spelling of identity', () => {
  it.each([
    ['order ref', orderRef('jd', '301'), 'jd:301'],
    ['product ref', productRef('taobao', '7'), 'taobao:7'],
    ['order index', orderIndexKey('jd', '301'), 'order:jd:301'],
    ['order index without platform', orderIndexKey(undefined, '301'), 'order:generic:301'],
    ['product index', productIndexKey('taobao', '7'), 'product:taobao:7'],
    ['order snapshot', snapshotKey(order), 'order:jd:301'],
    ['product snapshot', snapshotKey(product), 'product:taobao:7'],
    ['parcel snapshot', snapshotKey(parcel), 'logistics:SF1234567890'],
    ['order of an order', snapshotOrderKey(order), 'order:jd:301'],
    ['order of a parcel without platform', snapshotOrderKey(parcel), 'order:generic:301'],
    ['order of a product', snapshotOrderKey(product), undefined],
    ['subject of a parcel', subjectRef(parcel), 'SF1234567890'],
    ['subject of an order', subjectRef(order), 'jd:301'],
  ])('%s', (_name, got, want) => expect(got).toBe(want));
});
