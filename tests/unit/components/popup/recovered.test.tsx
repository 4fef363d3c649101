import { fireEvent, render, screen } from '@testing-library/preact';
import type { PopupData } from '@/components/popup/actions';
import { createPopupActionsMock } from '@/components/popup/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';
import { ledgerEntries, ledgerTotals } from '@/lib/core/ledger';
import { DEFAULT_SETTINGS, type ClaimSnapshot, type OrderSnapshot } from '@/lib/core/model';

const NOW = Date.UTC(2026, 10, 22, 4, 0);
const data: PopupData = {
  products: [],
  orders: [],
  captureFailures: 0,
  alerts: [],
  settings: DEFAULT_SETTINGS,
  now: NOW,
};
const order: OrderSnapshot = {
  kind: 'order',
  platform: 'jd',
  url: 'https://details.jd.com/normal/item.action?orderid=O1',
  orderId: 'O1',
  paid: { amount: 8990, currency: 'CNY' },
  items: [],
  capturedAt: NOW - 86_400_000,
};
const claim: ClaimSnapshot = {
  kind: 'claim',
  platform: 'jd',
  url: 'https://pcsitepp-fm.jd.com/',
  orderId: 'O1',
  status: 'success',
  refund: { amount: 1200, currency: 'CNY' },
  text: '价保成功',
  capturedAt: NOW,
};

describe('popup: money recovered', () => {
  it('shows 已追回 ¥X this month and all time, per platform and kind, and opens an entry’s evidence', async () => {
    const entries = ledgerEntries(
      [order, { ...claim, id: 3 } as ClaimSnapshot],
      [],
      [{ id: 'ev-claim', kind: 'claim-screenshot', orderId: 'O1', snapshotId: 3, capturedAt: NOW + 1 } as never],
    );
    const actions = createPopupActionsMock(data, {
      ledger: async () => ({ entries, totals: ledgerTotals(entries, NOW) }),
    });
    render(<PopupApp actions={actions} lang="zh-CN" />);
    expect(await screen.findByText('已追回 ¥12.00（本月 ¥12.00）')).toBeTruthy();
    expect(screen.getByText(/京东 ¥12.00 \| 价保 ¥12.00/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '证据' }));
    expect(actions.opened).toEqual(['ev-claim']);
  });

  it('says nothing while nothing is recovered', async () => {
    render(
      <PopupApp
        actions={createPopupActionsMock(data, { ledger: async () => ({ entries: [], totals: [] }) })}
        lang="en"
      />,
    );
    await screen.findByRole('heading', { name: /alert/i });
    expect(screen.queryByText(/Recovered/)).toBeNull();
  });
});
