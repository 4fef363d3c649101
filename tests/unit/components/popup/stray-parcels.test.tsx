/**
 * "未关联订单的包裹" in the popup: a parcel no order lists is shown with its number, carrier and last event, and
 * attached to the order the shopper picks (`parcel/attach` through the contract); a refusal is shown, in zh-CN.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { PopupData } from '@/components/popup/actions';
import { createPopupActionsMock, SAMPLE_POPUP_DATA, SAMPLE_NOW } from '@/components/popup/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';

const data: PopupData = {
  ...SAMPLE_POPUP_DATA,
  strayParcels: [
    {
      trackingNumber: 'SF1234567890123',
      carrier: 'SF',
      lastEvent: { at: SAMPLE_NOW - 3_600_000, text: '快件已到达【深圳转运中心】' },
      capturedAt: SAMPLE_NOW,
    },
  ],
};

describe('popup: parcels not linked to an order', () => {
  it('lists the parcel and attaches it to the chosen order', async () => {
    const actions = createPopupActionsMock(data);
    render(<PopupApp actions={actions} lang="zh-CN" />);
    expect(await screen.findByRole('heading', { name: '未关联订单的包裹' })).toBeTruthy();
    expect(screen.getByText('SF1234567890123')).toBeTruthy();
    expect(screen.getByText(/深圳转运中心/)).toBeTruthy();
    const button = screen.getByRole('button', { name: '关联' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('运单 SF1234567890123 所属的订单'), {
      target: { value: 'jd:301234567890' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: '退货包裹' }));
    fireEvent.click(button);
    await waitFor(() => expect(actions.calls).toContain('attach:SF1234567890123:jd:301234567890:return'));
  });

  it('shows why the background refused', async () => {
    const actions = createPopupActionsMock(data, {
      attachParcel: async () => ({ ok: false, error: 'x', code: 'other-order' }),
    });
    render(<PopupApp actions={actions} lang="zh-CN" />);
    fireEvent.change(await screen.findByLabelText('运单 SF1234567890123 所属的订单'), {
      target: { value: 'jd:301234567890' },
    });
    fireEvent.click(screen.getByRole('button', { name: '关联' }));
    expect((await screen.findByText('这个运单号已在另一个订单里，不能再关联。')).getAttribute('role')).toBe('alert');
  });

  it('shows no such section when every parcel has its order', async () => {
    render(<PopupApp actions={createPopupActionsMock(SAMPLE_POPUP_DATA)} lang="zh-CN" />);
    await screen.findByRole('heading', { name: '订单' });
    expect(screen.queryByRole('heading', { name: '未关联订单的包裹' })).toBeNull();
  });
});
