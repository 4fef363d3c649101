import { render, screen, within } from '@testing-library/preact';
import type { PopupData } from '@/components/popup/actions';
import { createPopupActionsMock } from '@/components/popup/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';
import { claimPageFor } from '@/lib/core/claim-pages';
import { DEFAULT_SETTINGS, type Alert, type Platform } from '@/lib/core/model';

const NOW = Date.UTC(2026, 10, 22, 4, 0);
const drop = (platform: Platform): Alert => ({
  id: `price-drop:${platform}:O1:P1:7990`,
  kind: 'price-drop',
  platform,
  orderId: 'O1',
  productId: 'P1',
  raisedAt: NOW - 3_600_000,
  dueAt: NOW + 3 * 86_400_000,
  amount: { amount: 1000, currency: 'CNY' },
  message: '价格下降 ¥10.00',
});
const data = (alerts: Alert[]): PopupData => ({
  products: [],
  orders: [],
  captureFailures: 0,
  alerts,
  settings: DEFAULT_SETTINGS,
  now: NOW,
});

describe('alert → the platform first (issue #19)', () => {
  it.each([
    ['jd', '去京东申请价保', 'https://pcsitepp-fm.jd.com/'],
    ['taobao', '去淘宝一键价保', 'https://pages.tmall.com/wow/act/22351/priceprotection'],
    ['tmall', '去淘宝一键价保', 'https://pages.tmall.com/wow/act/22351/priceprotection'],
  ] as const)('%s: the platform’s page comes before the complaint', async (platform, label, url) => {
    render(<PopupApp actions={createPopupActionsMock(data([drop(platform)]))} lang="zh-CN" />);
    const row = (await screen.findByText(label)).closest('li') as HTMLElement;
    const actions = [...row.querySelectorAll('.alert__actions > *')];
    expect(within(row).getByRole('link', { name: label })).toBeTruthy();
    expect(actions[0]?.textContent).toBe(label);
    expect(actions[0]?.getAttribute('href')).toBe(url);
    expect(actions[1]?.textContent).toBe('生成投诉');
  });

  it.each(['pdd', 'douyin', 'generic'] as const)(
    '%s: no self-service 价保, the ticket is the path',
    async (platform) => {
      render(<PopupApp actions={createPopupActionsMock(data([drop(platform)]))} lang="en" />);
      const ticket = await screen.findByText('Build complaint');
      expect(ticket.className).toContain('btn--primary');
      expect(document.querySelector('[data-claim]')).toBeNull();
    },
  );

  it('only price alerts lead to the 价保 page', () => {
    expect(claimPageFor({ kind: 'no-pickup', platform: 'jd' })).toBeNull();
    expect(claimPageFor({ kind: 'protection-expiring', platform: 'jd' })).toBeNull();
    expect(
      claimPageFor({ kind: 'protection-expiring', platform: 'jd', amount: { amount: 5, currency: 'CNY' } }),
    ).not.toBeNull();
    expect(claimPageFor({ kind: 'price-drop' })).toBeNull();
  });
});

describe('after the platform refused', () => {
  it('the complaint comes first, with the refusal shown', async () => {
    render(
      <PopupApp
        actions={createPopupActionsMock(data([{ ...drop('jd'), claimRefused: '商品参加了满减活动' }]))}
        lang="zh-CN"
      />,
    );
    expect(await screen.findByText('平台价保被拒：商品参加了满减活动')).toBeTruthy();
    expect(document.querySelector('[data-claim]')).toBeNull();
    expect(screen.getByText('生成投诉').className).toContain('btn--primary');
  });
});
