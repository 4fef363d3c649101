/** The report's timeline (lib/core/report-timeline.ts): placed, paid, shipped with the carrier, a ship-by promise said as one, every parcel event. */
import { orderTimeline } from '@/lib/core/report-timeline';
import { renderReport } from '@/lib/tickets/report-html';
import type { PageSnapshot, Ticket } from '@/lib/core/model';

const T0 = Date.UTC(2025, 10, 6, 15, 8, 55);
const H = 3_600_000;
const snaps: PageSnapshot[] = [
  {
    kind: 'order',
    platform: 'taobao',
    url: 'https://trade.taobao.com/x',
    orderId: 'O1',
    placedAt: T0,
    paidAt: T0 + 60_000,
    shippedAt: T0 + 13 * H,
    shipBy: T0 + 36 * H,
    carrier: 'ZTO',
    trackingNumbers: ['78912345678901'],
    returnTrackingNumbers: ['YT7512345678901'],
    paid: { amount: 100, currency: 'CNY' },
    items: [],
    capturedAt: T0 + 20 * H,
  },
  {
    kind: 'logistics',
    url: 'https://m.kuaidi100.com/app/query/?nu=78912345678901',
    trackingNumber: '78912345678901',
    events: [{ at: T0 + 14 * H, text: '【杭州市】已揽收', stage: 'pickup' }],
    capturedAt: T0 + 20 * H,
  },
  {
    kind: 'logistics',
    url: 'https://m.kuaidi100.com/app/query/?nu=YT7512345678901',
    trackingNumber: 'YT7512345678901',
    direction: 'return',
    events: [{ at: T0 + 100 * H, text: '【郑州市】已签收', stage: 'delivered' }],
    capturedAt: T0 + 101 * H,
  },
  {
    kind: 'logistics',
    url: 'https://m.kuaidi100.com/app/query/?nu=OTHER123',
    trackingNumber: 'OTHER123',
    events: [{ at: T0 + 5 * H, text: '别人的包裹', stage: 'transit' }],
    capturedAt: T0,
  },
];

describe('report timeline', () => {
  const rows = orderTimeline(snaps, { platform: 'taobao', orderId: 'O1' });
  it('lists placed, paid, shipped (carrier), the promise and every event of the order’s parcels, in time order', () => {
    expect(rows.map((r) => r.text)).toEqual([
      '下单 order placed',
      '付款 paid',
      '商家发货 shipped · 中通快递 ZTO Express',
      '物流 parcel 78912345678901：【杭州市】已揽收',
      '承诺发货期限（非发货时间） ship-by promise (not a shipped time)',
      '退货 return YT7512345678901：【郑州市】已签收',
    ]);
  });
  it('is drawn in report.html as text, escaped', () => {
    const ticket = {
      id: 't',
      type: 'no-pickup',
      channel: 'seller',
      status: 'draft',
      createdAt: T0 + 200 * H,
      evidenceIds: [],
      text: {},
      version: 1,
    } as Ticket;
    const html = renderReport({
      ticket,
      texts: { 'zh-CN': '', en: '' },
      evidence: [],
      timeline: [...rows, { at: T0, text: '<img src=x>' }],
      created: T0 + 200 * H,
      generator: 'test',
    });
    expect(html).toContain('商家发货 shipped · 中通快递 ZTO Express');
    expect(html).toContain('&lt;img src=x&gt;');
  });
});
