import { fireEvent, render, screen } from '@testing-library/preact';
import { OrderList, type OrderListActions } from '@/components/popup/OrderList';
import { PriceSpark } from '@/components/popup/PriceSpark';
import { translator } from '@/lib/core/i18n';
import { DEFAULT_SETTINGS, type PageSnapshot } from '@/lib/core/model';
import { orderRows, priceHistory } from '@/lib/core/order-rows';

const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 0);
const snaps: PageSnapshot[] = [
  {
    kind: 'order',
    platform: 'jd',
    url: 'https://details.jd.com/normal/item.action?orderid=1',
    orderId: '1',
    paidAt: PAID,
    paid: { amount: 12900, currency: 'CNY' },
    items: [{ title: '电热水壶', quantity: 1 }],
    trackingNumbers: ['JD0001'],
    priceProtectionDays: 15,
    status: '等待收货',
    capturedAt: PAID,
  },
  {
    kind: 'order',
    platform: 'jd',
    url: 'https://details.jd.com/normal/item.action?orderid=1',
    orderId: '1',
    paid: { amount: 12900, currency: 'CNY' },
    items: [{ title: '电热水壶', quantity: 1 }],
    trackingNumbers: ['JD0001'],
    priceProtectionDays: 15,
    status: '已完成',
    capturedAt: PAID + 50 * H,
  },
  {
    kind: 'logistics',
    url: 'https://details.jd.com/x',
    trackingNumber: 'JD0001',
    events: [
      { at: PAID + 10 * H, text: '已揽收', stage: 'pickup' },
      { at: PAID + 30 * H, text: '快件已到达【上海转运中心】', stage: 'transit' },
    ],
    capturedAt: PAID + 31 * H,
  },
  ...[100, 95, 99, 90].map((yuan, i): PageSnapshot => ({
    kind: 'product',
    platform: 'jd',
    url: 'https://item.jd.com/5.html',
    productId: '5',
    title: 't',
    price: { amount: yuan * 100, currency: 'CNY' },
    capturedAt: PAID + i * H,
  })),
];

const noEvidence: OrderListActions = {
  evidenceCounts: async (orders) => Object.fromEntries(orders.map((o) => [o.key, 0])),
  orderEvidence: async () => [],
  thumbnail: async () => null,
  buildTicket: () => undefined,
  openOrderEvidence: () => undefined,
};

describe('order rows', () => {
  it('merge snapshots of one order, keep the first paid time, find the window and the parcel stage', () => {
    const [row] = orderRows(snaps, DEFAULT_SETTINGS);
    expect(row).toMatchObject({
      orderId: '1',
      status: '已完成',
      paidAt: PAID,
      windowEnd: PAID + 15 * 24 * H,
      stage: 'transit',
      trackingNumber: 'JD0001',
      lastEvent: '快件已到达【上海转运中心】',
    });
  });

  it('render a window bar and the parcel stage in both languages', () => {
    const rows = orderRows(snaps, DEFAULT_SETTINGS);
    const { unmount } = render(
      <OrderList rows={rows} t={translator('zh-CN')} locale="zh-CN" now={PAID + 3 * 24 * H} actions={noEvidence} />,
    );
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('20');
    expect(screen.getByText(/价保至 2026/)).toBeTruthy();
    expect(screen.getByText(/运输中/)).toBeTruthy();
    unmount();
    render(<OrderList rows={rows} t={translator('en')} locale="en" now={PAID + 20 * 24 * H} actions={noEvidence} />);
    expect(screen.getByText('Price protection has ended')).toBeTruthy();
  });

  it('price history is oldest first and thinned keeping both ends', () => {
    expect(priceHistory(snaps, 'jd', '5').map((p) => p.amount)).toEqual([10000, 9500, 9900, 9000]);
    const many: PageSnapshot[] = Array.from({ length: 500 }, (_, i) => ({
      kind: 'product',
      platform: 'jd',
      url: 'u',
      productId: '7',
      title: 't',
      price: { amount: 1000 + i, currency: 'CNY' },
      capturedAt: i,
    }));
    const thin = priceHistory(many, 'jd', '7', 60);
    expect(thin).toHaveLength(60);
    expect([thin[0]!.amount, thin[59]!.amount]).toEqual([1000, 1499]);
  });

  it('links an order with a tracking number to its kuaidi100 page (查物流), carrier code from the order', () => {
    const sf: PageSnapshot = {
      kind: 'order',
      platform: 'tmall',
      url: 'https://trade.tmall.com/detail/orderDetail.htm?bizOrderId=2',
      orderId: '2',
      paidAt: PAID,
      paid: { amount: 100, currency: 'CNY' },
      items: [{ title: '外套', quantity: 1 }],
      trackingNumbers: ['SF1234567890123'],
      carrier: 'SF',
      capturedAt: PAID,
    };
    const row = orderRows([sf], DEFAULT_SETTINGS)[0]!;
    expect(row.trackUrl).toBe('https://m.kuaidi100.com/app/query/?nu=SF1234567890123&com=shunfeng');
    render(<OrderList rows={[row]} t={translator('zh-CN')} locale="zh-CN" now={PAID} actions={noEvidence} />);
    const link = screen.getByRole('link', { name: '查物流' });
    expect(link.getAttribute('href')).toBe(row.trackUrl);
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('shows long lists a page at a time', () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      ...orderRows(snaps, DEFAULT_SETTINGS)[0]!,
      key: `k${i}`,
      orderId: String(i),
    }));
    render(<OrderList rows={many} t={translator('en')} locale="en" now={PAID} actions={noEvidence} />);
    expect(document.querySelectorAll('li.order')).toHaveLength(20);
    fireEvent.click(screen.getByRole('button', { name: 'Show more (25 left)' }));
    expect(document.querySelectorAll('li.order')).toHaveLength(40);
    fireEvent.click(screen.getByRole('button', { name: 'Show more (5 left)' }));
    expect(document.querySelectorAll('li.order')).toHaveLength(45);
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();
  });

  it('draws the chart with the paid price and the window', () => {
    const { container } = render(
      <PriceSpark
        points={priceHistory(snaps, 'jd', '5')}
        paid={12900}
        window={{ start: PAID, end: PAID + 15 * 24 * H }}
        label="price"
      />,
    );
    expect(container.querySelectorAll('polyline')).toHaveLength(1);
    expect(container.querySelector('.spark__paid')).toBeTruthy();
    expect(container.querySelector('.spark__window')).toBeTruthy();
  });
});
