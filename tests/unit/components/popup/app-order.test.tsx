/** The popup's part of 添加App订单: the button opens the form, an order typed in is marked 手动录入 and has no page link. */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { createPopupActionsMock, SAMPLE_POPUP_DATA } from '@/components/popup/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';

const [order] = SAMPLE_POPUP_DATA.orders;
const manual = {
  ...order!,
  key: 'douyin:6931234567890123456',
  platform: 'douyin' as const,
  orderId: '6931234567890123456',
  url: 'app-order:douyin/6931234567890123456',
  title: '冰丝凉席',
  source: 'manual' as const,
};

describe('popup: 添加App订单', () => {
  it('opens the form, and marks an order typed in 手动录入 without a page link', async () => {
    const actions = createPopupActionsMock({ ...SAMPLE_POPUP_DATA, orders: [manual, order!] });
    render(<PopupApp actions={actions} lang="zh-CN" />);
    fireEvent.click(await screen.findByRole('button', { name: '添加App订单' }));
    expect(actions.calls).toContain('add-order');
    const rows = await waitFor(() => document.querySelectorAll('.order'));
    expect(rows[0]?.querySelector('.chip--manual')?.textContent).toBe('手动录入');
    expect(rows[0]?.querySelector('a.order__title')).toBeNull();
    expect(rows[1]?.querySelector('.chip--manual')).toBeNull();
    expect(rows[1]?.querySelector('a.order__title')).not.toBeNull();
  });
});
