import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { evidenceTime } from '@/components/shared/EvidenceGallery';
import { OrderList, type OrderListActions } from '@/components/popup/OrderList';
import { openDatabase, putEvidence } from '@/lib/store/db';
import { translator } from '@/lib/core/i18n';
import type { Alert, Evidence } from '@/lib/core/model';
import { orderEvidence, type OrderEvidenceItem, type OrderRow } from '@/lib/core/order-rows';
import { evidenceCounts, linkLatestEvidence } from '@/lib/pages/popup-connector';
import type { ProductRow } from '@/components/popup/actions';
import { createPopupActionsMock } from '@/components/popup/actions.mock';

const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);
const hex = (c: string) => c.repeat(64);

function ev(id: string, seq: number, extra: Partial<Evidence>): Evidence {
  return {
    id,
    seq,
    kind: 'order-screenshot',
    capturedAt: PAID + seq * 60_000,
    platform: 'jd',
    orderId: '31',
    mime: 'image/jpeg',
    bytes: 3,
    sha256: hex((seq % 10).toString()),
    prevHash: null,
    recordHash: hex('f'),
    ...extra,
  };
}

const order: OrderRow = {
  key: 'jd:31',
  platform: 'jd',
  orderId: '31',
  url: 'https://details.jd.com/normal/item.action?orderid=31',
  title: '小熊电热水壶',
  paid: { amount: 8990, currency: 'CNY' },
  paidAt: PAID,
  windowStart: PAID,
  windowEnd: PAID + 7 * 86_400_000,
};

const items: OrderEvidenceItem[] = [
  {
    id: 'ev-b',
    kind: 'attachment',
    capturedAt: PAID + 7_200_000,
    sha256: 'abcdef0123456789'.repeat(4),
    mime: 'application/pdf',
    fileName: '发票.pdf',
  },
  {
    id: 'ev-a',
    kind: 'order-screenshot',
    capturedAt: PAID + 60_000,
    sha256: '0123456789abcdef'.repeat(4),
    mime: 'image/jpeg',
    caption: '京东 订单 31',
  },
];

/** An IntersectionObserver the test drives: nothing is "visible" until `show()` says so. */
class FakeObserver {
  static all: FakeObserver[] = [];
  targets: Element[] = [];
  constructor(private cb: (entries: { isIntersecting: boolean; target: Element }[]) => void) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.push(el);
  }
  disconnect() {
    this.targets = [];
  }
  unobserve() {}
  static show() {
    for (const o of FakeObserver.all)
      if (o.targets.length) o.cb(o.targets.map((target) => ({ isIntersecting: true, target })));
  }
}

/** The popup's mock (it records ticket:… and order-page:…), with every read recorded too. */
function actionsWith(list: OrderEvidenceItem[]): OrderListActions & { calls: string[] } {
  const actions = createPopupActionsMock(undefined, {
    evidenceCounts: async (orders) => (
      actions.calls.push(`count:${orders.map((o) => o.orderId).join(',')}`),
      Object.fromEntries(orders.map((o) => [o.key, list.length]))
    ),
    orderEvidence: async (o) => (actions.calls.push(`list:${o.orderId}`), list),
    thumbnail: async (id) => (actions.calls.push(`thumb:${id}`), `blob:thumb-${id}`),
    releaseThumbnail: (url) => void actions.calls.push(`release:${url}`),
  });
  return actions;
}

beforeEach(() => {
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
});
afterEach(() => vi.unstubAllGlobals());

describe('order evidence records', () => {
  it('are newest first, without deletions, what they removed, or another platform’s order of the same number', () => {
    const records = [
      ev('ev-1', 1, {}),
      ev('ev-2', 2, { kind: 'logistics-screenshot', trackingNumber: 'JD0001' }),
      ev('ev-3', 3, { kind: 'attachment', platform: undefined, mime: 'application/pdf', fileName: 'chat.pdf' }),
      ev('ev-4', 4, {}),
      ev('ev-5', 5, {
        kind: 'deletion',
        platform: undefined,
        deletes: 'ev-4',
        mime: 'application/x-shopwitness-deletion',
      }),
      ev('ev-6', 6, { platform: 'taobao' }),
    ];
    expect(orderEvidence(records, 'jd').map((e) => e.id)).toEqual(['ev-3', 'ev-2', 'ev-1']);
    expect(orderEvidence(records, 'jd')[0]).toMatchObject({
      kind: 'attachment',
      fileName: 'chat.pdf',
      mime: 'application/pdf',
    });
    expect(orderEvidence(records, 'taobao').map((e) => e.id)).toEqual(['ev-6', 'ev-3']);
  });

  it('are counted per order through the byOrderId index', async () => {
    const d = await openDatabase(`sw-gallery-${Date.now()}`);
    await putEvidence(d, ev('ev-1', 1, {}), new Uint8Array([1]));
    await putEvidence(d, ev('ev-2', 2, { kind: 'attachment', platform: undefined }), new Uint8Array([2]));
    await putEvidence(d, ev('ev-3', 3, { orderId: '32' }), new Uint8Array([3]));
    await putEvidence(
      d,
      ev('ev-4', 4, { kind: 'price-screenshot', orderId: undefined, productId: '1' }),
      new Uint8Array([4]),
    );
    await putEvidence(
      d,
      ev('ev-5', 5, { kind: 'deletion', deletes: 'ev-3', platform: undefined, orderId: '32' }),
      null,
    );
    const counts = await evidenceCounts(d, [
      order,
      { key: 'jd:32', platform: 'jd', orderId: '32' },
      { key: 'jd:33', platform: 'jd', orderId: '33' },
    ]);
    expect(counts).toEqual({ 'jd:31': 2, 'jd:32': 0, 'jd:33': 0 });
    d.close();
  });
});

describe('product screenshots', () => {
  it('link each product row to its latest screenshot through the byProductId index', async () => {
    const d = await openDatabase(`sw-gallery-p-${Date.now()}`);
    const shot = (id: string, seq: number, extra: Partial<Evidence>) =>
      ev(id, seq, { kind: 'price-screenshot', orderId: undefined, productId: '1', ...extra });
    await putEvidence(d, shot('ev-1', 1, {}), new Uint8Array([1]));
    await putEvidence(d, shot('ev-2', 2, {}), new Uint8Array([2]));
    await putEvidence(d, shot('ev-3', 3, { platform: 'taobao' }), new Uint8Array([3]));
    await putEvidence(d, shot('ev-4', 4, { productId: '2' }), new Uint8Array([4]));
    const row = (platform: ProductRow['platform'], productId: string): ProductRow => ({
      key: `product:${platform}:${productId}`,
      platform,
      productId,
      title: 't',
      url: 'u',
      price: { amount: 1, currency: 'CNY' },
      seenAt: 0,
      observations: 1,
    });
    const rows = [row('jd', '1'), row('taobao', '1'), row('jd', '2'), row('jd', '3')];
    await linkLatestEvidence(d, rows);
    expect(rows.map((r) => r.evidenceId)).toEqual(['ev-2', 'ev-3', 'ev-4', undefined]);
    d.close();
  });
});

describe('evidence time', () => {
  const t = translator('zh-CN');
  it('is the local time, with the Beijing time added where the shopper’s zone is another', () => {
    expect(evidenceTime(PAID, t, 'zh-CN', 'Asia/Shanghai')).toBe('2026-11-01 10:02');
    expect(evidenceTime(PAID, t, 'zh-CN', 'Europe/Berlin')).toBe('2026-11-01 03:02 (北京时间 10:02)');
    expect(evidenceTime(PAID, translator('en'), 'en', 'UTC')).toBe('2026-11-01 02:02 (Beijing time 10:02)');
    // Another day in Beijing: the date is said too.
    expect(evidenceTime(PAID + 15 * 3_600_000, translator('en'), 'en', 'UTC')).toBe(
      '2026-11-01 17:02 (Beijing time 2026-11-02 01:02)',
    );
  });
});

describe('order evidence gallery', () => {
  it('shows the count, opens in place from a labelled button, and lists time, kind and short hash with a link to the full evidence', async () => {
    const actions = actionsWith(items);
    render(
      <OrderList
        rows={[{ ...order, evidenceCount: 2 }]}
        t={translator('zh-CN')}
        locale="zh-CN"
        now={PAID}
        actions={actions}
      />,
    );
    const toggle = screen.getByRole('button', { name: /证据 2 项/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(actions.calls).toEqual([]); // the first load brought the count: nothing more is read
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const gallery = await screen.findByRole('region', { name: '订单 31 的证据' });
    expect(toggle.getAttribute('aria-controls')).toBe(gallery.id);
    const links = await screen.findAllByRole('link', { name: /查看证据原图/ });
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['evidence.html#ev-b', 'evidence.html#ev-a']);
    expect(links[1]!.getAttribute('aria-label')).toMatch(/^查看证据原图：订单截图，2026/);
    const first = gallery.querySelector('[data-evidence-id="ev-b"]')!;
    expect(first.textContent).toContain('附件');
    expect(first.textContent).toContain('PDF');
    expect(first.querySelector('code')!.textContent).toBe('abcdef01');
    expect(first.querySelector('code')!.getAttribute('title')).toBe(items[0]!.sha256);
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe(new Date(PAID + 7_200_000).toISOString());
  });

  it('reads image bytes only once a thumbnail is visible, and frees them when the gallery closes', async () => {
    const actions = actionsWith(items);
    render(
      <OrderList
        rows={[{ ...order, evidenceCount: 2 }]}
        t={translator('en')}
        locale="en"
        now={PAID}
        actions={actions}
      />,
    );
    const toggle = screen.getByRole('button', { name: /Evidence \(2\)/ });
    fireEvent.click(toggle);
    await screen.findAllByRole('link', { name: /Open evidence in full/ });
    await waitFor(() => expect(FakeObserver.all.some((o) => o.targets.length > 0)).toBe(true));
    expect(actions.calls).toEqual(['list:31']); // not yet visible: no bytes read, and none ever for the PDF
    FakeObserver.show();
    await waitFor(() => expect(document.querySelector('img')?.getAttribute('src')).toBe('blob:thumb-ev-a'));
    expect(actions.calls).toEqual(['list:31', 'thumb:ev-a']);
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.querySelector('img')).toBeNull();
    expect(actions.calls).toContain('release:blob:thumb-ev-a');
  });

  it('teaches how to get evidence when there is none, in both languages', async () => {
    const drop: Alert = {
      id: 'price-drop:jd:31',
      kind: 'price-drop',
      platform: 'jd',
      orderId: '31',
      raisedAt: PAID,
      message: '价格下降',
    };
    const actions = actionsWith([]);
    const { unmount } = render(
      <OrderList
        rows={[{ ...order, evidenceCount: 0 }]}
        t={translator('zh-CN')}
        locale="zh-CN"
        now={PAID}
        actions={actions}
        alerts={[drop]}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /证据：暂无/ }));
    expect(await screen.findByText('这个订单还没有证据。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开订单页面' }).getAttribute('href')).toBe(order.url);
    expect(screen.getByText(/会自动截图/)).toBeTruthy();
    // Attachments go on the order's evidence page; with an alert, the complaint is one click too.
    fireEvent.click(screen.getByRole('button', { name: '添加附件 / 查看全部' }));
    expect(actions.calls).toContain('order-page:jd:31');
    fireEvent.click(screen.getByRole('button', { name: '生成投诉' }));
    expect(actions.calls).toContain(`ticket:${drop.id}`);
    unmount();
    const plain = actionsWith([]);
    render(
      <OrderList
        rows={[{ ...order, evidenceCount: 0 }]}
        t={translator('en')}
        locale="en"
        now={PAID}
        actions={plain}
        autoCapture={false}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Evidence: none yet/ }));
    expect(await screen.findByText('No evidence for this order yet.')).toBeTruthy();
    expect(screen.getByText(/automatic capture is off/)).toBeTruthy();
    // No alert: attachments can still be added, on the order's own page.
    expect(screen.queryByRole('button', { name: 'Build complaint' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add attachments / see all' }));
    expect(plain.calls).toContain('order-page:jd:31');
  });

  it('links a gallery with evidence to the order page too, and names attachments by their file', async () => {
    const actions = actionsWith(items);
    render(
      <OrderList
        rows={[{ ...order, evidenceCount: 2 }]}
        t={translator('zh-CN')}
        locale="zh-CN"
        now={PAID}
        actions={actions}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: /证据 2 项/ }));
    const gallery = await screen.findByRole('region', { name: '订单 31 的证据' });
    await screen.findAllByRole('link', { name: /查看证据原图/ });
    expect(gallery.querySelector('[data-evidence-id="ev-b"] .gallery__name')!.textContent).toBe('发票.pdf');
    expect(gallery.querySelector('[data-evidence-id="ev-a"] .gallery__name')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '添加附件 / 查看全部' }));
    expect(actions.calls).toContain('order-page:jd:31');
  });

  it('an open gallery reads again when a reload brings another count', async () => {
    const actions = actionsWith(items);
    const t = translator('en');
    const { rerender } = render(
      <OrderList rows={[{ ...order, evidenceCount: 2 }]} t={t} locale="en" now={PAID} actions={actions} />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Evidence \(2\)/ }));
    await screen.findAllByRole('link', { name: /Open evidence in full/ });
    rerender(<OrderList rows={[{ ...order, evidenceCount: 3 }]} t={t} locale="en" now={PAID} actions={actions} />);
    await waitFor(() => expect(actions.calls.filter((c) => c === 'list:31')).toHaveLength(2));
    expect(screen.getByRole('button', { name: /Evidence/ }).getAttribute('aria-expanded')).toBe('true');
  });

  it('counts the next page of orders only when "show more" reveals it', async () => {
    const rows = Array.from({ length: 25 }, (_, i): OrderRow => ({
      ...order,
      key: `jd:${i}`,
      orderId: String(i),
      ...(i < 20 ? { evidenceCount: 1 } : {}),
    }));
    const actions = actionsWith(items.slice(0, 1));
    render(<OrderList rows={rows} t={translator('en')} locale="en" now={PAID} actions={actions} />);
    expect(actions.calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Show more (5 left)' }));
    await waitFor(() => expect(actions.calls).toEqual(['count:20,21,22,23,24']));
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Evidence (1)' })).toHaveLength(25));
  });
});
