/**
 * The popup says what is read on the active tab's shop and what is not (Douyin's orders and parcels are in the app),
 * and why a Douyin page gave no price: masked (logged out) or a response in a shape we do not know.
 */
import { render, screen } from '@testing-library/preact';
import type { PopupData } from '@/components/popup/actions';
import { createPopupActionsMock } from '@/components/popup/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';
import { DEFAULT_SETTINGS } from '@/lib/core/model';
import { pageStatus, shopOfUrl, tabNoteKey } from '@/lib/core/page-note';

const data = (d: Partial<PopupData>): PopupData => ({
  products: [],
  orders: [],
  captureFailures: 0,
  alerts: [],
  settings: DEFAULT_SETTINGS,
  now: Date.UTC(2026, 11, 6),
  ...d,
});

describe('popup: the page in the active tab', () => {
  it('Douyin, unreadable: says the page changed, and that orders and parcels are added by hand', async () => {
    render(
      <PopupApp
        actions={createPopupActionsMock(data({ page: { platform: 'douyin', note: 'unreadable' } }))}
        lang="zh-CN"
      />,
    );
    expect(await screen.findByText('抖音页面改版，暂时读不到价格')).toBeTruthy();
    expect(screen.getByText(/订单和物流只在抖音 App 里/)).toBeTruthy();
  });

  it('Douyin, masked: says why nothing was recorded, in English too', async () => {
    render(
      <PopupApp actions={createPopupActionsMock(data({ page: { platform: 'douyin', note: 'masked' } }))} lang="en" />,
    );
    expect(await screen.findByText(/Douyin hides prices from visitors who are not logged in/)).toBeTruthy();
    expect(screen.getByText(/Orders and parcels are only in the Douyin app/)).toBeTruthy();
  });

  it('another shop: what is read there; no shop page: nothing said', async () => {
    const { unmount } = render(
      <PopupApp actions={createPopupActionsMock(data({ page: { platform: 'jd' } }))} lang="zh-CN" />,
    );
    expect(await screen.findByText('京东：读取商品页、订单和物流。')).toBeTruthy();
    unmount();
    render(<PopupApp actions={createPopupActionsMock(data({}))} lang="zh-CN" />);
    await screen.findByText(/还没有记录/);
    expect(screen.queryByRole('heading', { name: '当前页面' })).toBeNull();
  });
});

describe('pageStatus', () => {
  const ROOM = 'https://live.douyin.com/731234567890';
  it('reads the shop from the URL; a note counts only for the page it was said on', () => {
    expect(shopOfUrl(ROOM)).toBe('douyin');
    expect(shopOfUrl('https://www.douyin.com/video/1')).toBe('douyin');
    expect(shopOfUrl('https://evil.example/?douyin.com')).toBeNull();
    expect(shopOfUrl('chrome://extensions')).toBeNull();
    expect(pageStatus(ROOM, { url: ROOM, note: 'masked', at: 1 })).toEqual({ platform: 'douyin', note: 'masked' });
    expect(pageStatus(ROOM, { url: `${ROOM}?x`, note: 'masked', at: 1 })).toEqual({ platform: 'douyin' });
    expect(pageStatus(ROOM, { url: ROOM, note: '<b>x</b>' })).toEqual({ platform: 'douyin' });
    expect(pageStatus(ROOM, 'junk')).toEqual({ platform: 'douyin' });
    expect(pageStatus('https://example.com/', { url: 'https://example.com/', note: 'masked' })).toBeNull();
    expect(tabNoteKey(3)).toBe('tabNote:3');
  });
});
