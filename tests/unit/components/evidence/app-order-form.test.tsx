/**
 * "添加App订单" (components/shared/AppOrderForm.tsx) with the evidence page's mock: paste fills, bad input is
 * refused with a clear message before anything is sent, a duplicate number offers the edit, screenshots attach.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { createEvidenceActionsMock, SAMPLE_ORDER_ROW } from '@/components/evidence/actions.mock';
import { OrderEvidencePage } from '@/components/evidence/OrderEvidencePage';
import { AppOrderForm } from '@/components/shared/AppOrderForm';
import { translator } from '@/lib/core/i18n';
import type { OrderSnapshot } from '@/lib/core/model';

const zh = translator('zh-CN');
const en = translator('en');
const NOW = Date.UTC(2025, 10, 10, 4, 0);
const H = 3_600_000;

const COPIED = `订单编号：6931234567890123456
支付方式：抖音支付
下单时间：2025/11/06 23:08
支付时间：2025/11/06 23:09
实付：¥59.90
店铺：小李的好物铺`;

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });

function setup(orders: OrderSnapshot[] = []) {
  const mock = createEvidenceActionsMock({ rows: [], evidence: {}, now: NOW, orders });
  const saved: string[] = [];
  render(<AppOrderForm actions={mock} t={zh} onSaved={(o) => saved.push(`${o.platform}:${o.orderId}`)} />);
  return { mock, saved };
}

describe('AppOrderForm', () => {
  it('fills the fields a pasted app text states, and says which', () => {
    setup();
    type('粘贴App复制的订单信息', COPIED);
    expect(input('订单号').value).toBe('6931234567890123456');
    expect(input('实付金额（元）').value).toBe('59.90');
    expect(input('付款时间（北京时间）').value).toBe('2025-11-06 23:09');
    expect(input('店铺').value).toBe('小李的好物铺');
    expect((screen.getByLabelText('平台') as HTMLSelectElement).value).toBe('douyin');
    expect(screen.getByTestId('paste-note').textContent).toContain('已从粘贴内容填入：平台、订单号、实付金额');
  });

  it('a pasted text that is not an order fills nothing and says so', () => {
    setup();
    type('粘贴App复制的订单信息', '亲，请问什么时候发货？');
    expect(input('订单号').value).toBe('');
    expect(screen.getByTestId('paste-note').textContent).toBe(zh('appOrderPasteNone'));
  });

  it('saves a typed order with items, tracking and the detected carrier, then its app screenshots', async () => {
    const { mock, saved } = setup();
    type('粘贴App复制的订单信息', COPIED);
    type('商品名称', '冰丝凉席');
    type('单价（元）', '59.9');
    type('商品链接（可选）', 'https://haohuo.jinritemai.com/views/product/item2?id=3612345678901234567');
    type('快递单号（多个用空格分隔）', '78123456789012');
    expect(screen.getByText('按单号识别：中通快递')).toBeTruthy();
    const png = new File([new Uint8Array([1, 2, 3])], 'app-order.png', { type: 'image/png' });
    fireEvent.change(screen.getByTestId('app-order-screens'), { target: { files: [png] } });
    fireEvent.click(screen.getByRole('button', { name: '保存订单' }));
    await waitFor(() => expect(saved).toEqual(['douyin:6931234567890123456']));
    expect(mock.calls).toEqual(['add:douyin:6931234567890123456', 'screen:app-order.png:douyin:6931234567890123456']);
    const stored = await mock.loadOrder({ platform: 'douyin', orderId: '6931234567890123456' });
    expect(stored).toMatchObject({
      source: 'manual',
      paid: { amount: 5990, currency: 'CNY' },
      paidAt: Date.UTC(2025, 10, 6, 15, 9),
      url: 'https://haohuo.jinritemai.com/views/product/item2?id=3612345678901234567',
      items: [{ title: '冰丝凉席', quantity: 1, unitPrice: { amount: 5990 }, productId: '3612345678901234567' }],
      trackingNumbers: ['78123456789012'],
      carrier: 'ZTO',
    });
  });

  it.each([
    ['an amount of 0', { paid: '0' }, zh('orderAdd_amountZero')],
    ['a paid time tomorrow', { time: '2025-11-11 12:00' }, zh('orderAdd_futureTime')],
    ['an unreadable time', { time: '11月32日' }, zh('appOrderBadTime')],
    ['a tracking number no carrier is known for', { tracking: 'ABC123XYZ9' }, zh('orderAdd_unknownCarrier')],
  ] as [string, { paid?: string; time?: string; tracking?: string }, string][])(
    'refuses %s with a clear message and sends nothing',
    async (_name, over, message) => {
      const { mock } = setup();
      type('订单号', '312345678901');
      type('实付金额（元）', over.paid ?? '12.5');
      type('付款时间（北京时间）', over.time ?? '2025-11-06 23:09');
      if (over.tracking) type('快递单号（多个用空格分隔）', over.tracking);
      fireEvent.click(screen.getByRole('button', { name: '保存订单' }));
      await waitFor(() => expect(screen.getByTestId('app-order-error').textContent).toContain(message));
      expect(mock.calls).toEqual([]);
    },
  );

  it('a stored number is refused with the offer to edit it, which saves an edit', async () => {
    const stored: OrderSnapshot = {
      kind: 'order',
      platform: 'taobao',
      url: 'app-order:taobao/3712345678901234567',
      orderId: '3712345678901234567',
      paid: { amount: 12800, currency: 'CNY' },
      paidAt: NOW - 30 * H,
      items: [],
      source: 'manual',
      capturedAt: NOW - 29 * H,
    };
    const { mock } = setup([stored]);
    type('订单号', '3712345678901234567');
    type('实付金额（元）', '118');
    type('付款时间（北京时间）', '2025-11-08 23:09');
    fireEvent.click(screen.getByRole('button', { name: '保存订单' }));
    await waitFor(() => expect(screen.getByTestId('app-order-error').textContent).toContain(zh('orderAdd_duplicate')));
    expect(mock.calls).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: zh('appOrderEditInstead') }));
    await waitFor(() => expect(mock.calls).toEqual(['add:taobao:3712345678901234567:edit']));
  });
});

describe('the order evidence page of an order typed in', () => {
  it('marks it 手动录入 and offers the edit with its stored facts', async () => {
    const row = { ...SAMPLE_ORDER_ROW, source: 'manual' as const, url: 'app-order:jd/301234567890' };
    const stored: OrderSnapshot = {
      kind: 'order',
      platform: 'jd',
      url: row.url,
      orderId: row.orderId,
      paid: row.paid,
      paidAt: Date.UTC(2026, 10, 1, 2, 2),
      items: [{ title: row.title, quantity: 1 }],
      source: 'manual',
      capturedAt: 1,
    };
    const mock = createEvidenceActionsMock({ rows: [row], orders: [stored] });
    render(<OrderEvidencePage order={row} row={row} actions={mock} t={en} locale="en" />);
    expect(screen.getByTestId('order-source').textContent).toContain('entered by hand');
    // An app order has no page to link to.
    expect(screen.getByText(row.title).closest('a')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Edit the order details' }));
    await waitFor(() => expect((screen.getByLabelText('Order number') as HTMLInputElement).value).toBe(row.orderId));
    expect((screen.getByLabelText('Paid at (China time)') as HTMLInputElement).value).toBe('2026-11-01 10:02');
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeTruthy();
  });
});
