import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import type { PopupData } from '@/components/popup/actions';
import { createPopupActionsMock, SAMPLE_POPUP_DATA } from '@/components/popup/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';
import { productRows } from '@/lib/pages/popup-connector';
import type { SnapshotRecord } from '@/lib/store/db';
import { DEFAULT_SETTINGS, type Alert } from '@/lib/core/model';

const NOW = Date.UTC(2026, 10, 22, 4, 0);
const data = (d: Partial<PopupData>): PopupData => ({
  products: [],
  orders: [],
  captureFailures: 0,
  alerts: [],
  settings: DEFAULT_SETTINGS,
  now: NOW,
  ...d,
});

const row = {
  key: 'product:jd:1',
  platform: 'jd' as const,
  productId: '1',
  title: '小熊电热水壶 <img src=x onerror=alert(1)>',
  url: 'https://item.jd.com/1.html',
  price: { amount: 8990, currency: 'CNY' },
  listPrice: { amount: 12900, currency: 'CNY' },
  seenAt: Date.UTC(2026, 10, 22, 3, 0),
  observations: 2,
  evidenceId: 'ev-1',
};

describe('popup', () => {
  it('lists products with latest price, time seen and a thumbnail that opens the screenshot', async () => {
    const actions = createPopupActionsMock(data({ products: [row] }));
    render(<PopupApp actions={actions} lang="zh-CN" />);
    expect(await screen.findByText(/小熊电热水壶/)).toBeTruthy();
    expect(screen.getByText('¥89.90')).toBeTruthy();
    expect(screen.getByText('¥129.00')).toBeTruthy();
    expect(screen.getByText(/记录于 2026/)).toBeTruthy();
    // Page-derived text is text, never markup.
    expect(document.querySelector('img[src="x"]')).toBeNull();
    const thumb = screen.getByRole('button', { name: /查看截图证据/ });
    await waitFor(() => expect(thumb.querySelector('img')?.getAttribute('src')).toContain('ev-1'));
    fireEvent.click(thumb);
    expect(actions.opened).toEqual(['ev-1']);
  });

  it('teaches what to do when nothing is recorded yet, in English too', async () => {
    render(<PopupApp actions={createPopupActionsMock(data({}))} lang="en" />);
    expect(await screen.findByText(/Open a product page on JD/)).toBeTruthy();
  });

  it('says so when saved data cannot be read, and when captures failed', async () => {
    render(
      <PopupApp
        actions={createPopupActionsMock(data({}), {
          load: async () => Promise.reject(new Error('QuotaExceededError')),
        })}
        lang="zh-CN"
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('QuotaExceededError');
  });

  it('says plainly when storage is full, that saved evidence is intact, and where to free space', async () => {
    const actions = createPopupActionsMock(data({ captureFailures: 1, storageFull: true }));
    render(<PopupApp actions={actions} lang="zh-CN" />);
    expect((await screen.findByRole('alert')).textContent).toContain(
      '存储空间已满：新的截图没有保存，已经保存的证据完好无损',
    );
    fireEvent.click(screen.getByRole('button', { name: '打开存储设置' }));
    expect(actions.calls).toContain('options');
  });

  it('a manual capture refused for lack of space says so in words, not as an error name', async () => {
    render(
      <PopupApp
        actions={createPopupActionsMock(data({}), {
          captureNow: async () => ({
            ok: false,
            error: 'QuotaExceededError: The quota has been exceeded.',
            storageFull: true,
          }),
        })}
        lang="en"
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: /Capture this page/ }));
    expect(await screen.findByText(/Storage is full: new screenshots are not being saved/)).toBeTruthy();
  });

  it('reports capture failures instead of hiding them', async () => {
    render(<PopupApp actions={createPopupActionsMock(data({ products: [row], captureFailures: 2 }))} lang="en" />);
    expect(await screen.findByText(/2 capture\(s\) could not be completed/)).toBeTruthy();
  });

  it('counts automatic screenshots skipped over the limit apart from failures, in both languages', async () => {
    const { unmount } = render(
      <PopupApp actions={createPopupActionsMock(data({ products: [row], capturesSkipped: 1 }))} lang="en" />,
    );
    expect(
      await screen.findByText(/1 automatic screenshot\(s\) skipped: a page asked for more than the limit/),
    ).toBeTruthy();
    expect(screen.queryByText(/could not be completed/)).toBeNull();
    unmount();
    render(<PopupApp actions={createPopupActionsMock(data({ products: [row], capturesSkipped: 3 }))} lang="zh-CN" />);
    expect(await screen.findByText('3 次自动截图已跳过：页面请求的截图超过上限')).toBeTruthy();
  });
});

describe('popup alerts', () => {
  const drop: Alert = {
    id: 'price-drop:jd:31:1:7990',
    kind: 'price-drop',
    platform: 'jd',
    orderId: '31',
    productId: '1',
    raisedAt: NOW - 3_600_000,
    dueAt: NOW + (2 * 24 + 3) * 3_600_000 + 60_000,
    amount: { amount: 1000, currency: 'CNY' },
    message: '价格下降 ¥10.00',
  };
  const stall: Alert = {
    id: 'logistics-stalled:YT1:1',
    kind: 'logistics-stalled',
    trackingNumber: 'YT1',
    raisedAt: NOW - 7_200_000,
    message: '物流停滞',
  };

  it('shows alerts first, most urgent first, with a live countdown and the amount owed', async () => {
    const actions = createPopupActionsMock(data({ alerts: [stall, drop] }));
    render(<PopupApp actions={actions} lang="zh-CN" />);
    const items = await screen.findAllByRole('listitem');
    expect(items[0]!.getAttribute('data-kind')).toBe('price-drop');
    expect(items[0]!.textContent).toContain('价保还剩 2 天 3 小时');
    expect(items[0]!.textContent).toContain('可退差价 ¥10.00');
    expect(items[1]!.textContent).toContain('物流停滞：72 小时没有更新');
  });

  it('shows a thousand alerts a page at a time, and always the one a notification opened it for', async () => {
    const many: Alert[] = Array.from({ length: 45 }, (_, i) => ({
      id: `no-pickup:jd:${i}`,
      kind: 'no-pickup',
      platform: 'jd',
      orderId: String(i),
      raisedAt: NOW - i * 60_000,
      message: '未揽收',
    }));
    const { unmount } = render(<PopupApp actions={createPopupActionsMock(data({ alerts: many }))} lang="en" />);
    await waitFor(() => expect(document.querySelectorAll('li.alert')).toHaveLength(20));
    fireEvent.click(screen.getByRole('button', { name: 'Show more (25 left)' }));
    expect(document.querySelectorAll('li.alert')).toHaveLength(40);
    unmount();
    const last = [...many].sort((a, b) => a.raisedAt - b.raisedAt)[0]!;
    render(<PopupApp actions={createPopupActionsMock(data({ alerts: many }))} lang="en" focusAlert={last.id} />);
    await waitFor(() => expect(document.querySelector(`li.alert[data-alert-id="${last.id}"]`)).not.toBeNull());
  });

  it('builds a ticket, snoozes and dismisses from the list', async () => {
    const actions = createPopupActionsMock(data({ alerts: [drop] }));
    render(<PopupApp actions={actions} lang="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Build complaint' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remind me tomorrow' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() =>
      expect(actions.calls).toEqual([`ticket:${drop.id}`, `snooze:${drop.id}`, `dismiss:${drop.id}`]),
    );
    expect(screen.getByText(/Price protection: 2 d 3 h left/)).toBeTruthy();
  });
});

describe('popup language', () => {
  it('switches between Chinese and English by hand and remembers the choice', async () => {
    const saved: string[] = [];
    render(
      <PopupApp
        actions={createPopupActionsMock(data({}), { setLanguage: async (l) => void saved.push(l) })}
        lang="zh-CN"
      />,
    );
    expect(await screen.findByText('看过的商品')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '切换到英文界面' }));
    expect(await screen.findByText('Products you viewed')).toBeTruthy();
    expect(saved).toEqual(['en']);
  });

  it('follows a language chosen in settings', async () => {
    render(
      <PopupApp
        actions={createPopupActionsMock(data({ settings: { ...DEFAULT_SETTINGS, language: 'en' } }))}
        lang="zh-CN"
      />,
    );
    expect(await screen.findByText('Products you viewed')).toBeTruthy();
  });
});

describe('evidence integrity in the popup', () => {
  it('says precisely what is wrong', async () => {
    const actions = createPopupActionsMock(data({}), {
      verifyEvidence: async () => ({
        ok: false,
        records: 3,
        problems: [{ evidenceId: 'ev-2', reason: 'file changed: SHA-256 of the stored bytes does not match' }],
      }),
    });
    render(<PopupApp actions={actions} lang="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Check evidence integrity' }));
    const status = await screen.findByText(/1 problem\(s\) found/);
    expect(status.parentElement?.textContent ?? status.textContent).toMatch(/ev-2.*SHA-256/);
  });
});

describe('productRows', () => {
  it('keeps the latest price per product and links its latest screenshot', () => {
    const base = {
      kind: 'product' as const,
      platform: 'jd' as const,
      url: 'u',
      productId: '1',
      title: 't',
      key: 'product:jd:1',
    };
    const snaps: SnapshotRecord[] = [
      { ...base, id: 1, price: { amount: 100, currency: 'CNY' }, capturedAt: 1 },
      { ...base, id: 2, price: { amount: 90, currency: 'CNY' }, capturedAt: 3 },
      { ...base, id: 3, price: { amount: 95, currency: 'CNY' }, capturedAt: 2 },
    ];
    const ev = (id: string, seq: number) => ({
      id,
      seq,
      kind: 'price-screenshot' as const,
      platform: 'jd' as const,
      productId: '1',
      capturedAt: seq,
      mime: 'image/jpeg',
      bytes: 1,
      sha256: 'a'.repeat(64),
      prevHash: null,
      recordHash: 'b'.repeat(64),
    });
    const rows = productRows(snaps, [ev('old', 0), ev('new', 1)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ price: { amount: 90 }, seenAt: 3, observations: 3, evidenceId: 'new' });
  });

  it('"Wrong price?": a typed price is parsed into Money and sent; an unreadable one is refused', async () => {
    const actions = createPopupActionsMock(data({ products: [row] }));
    render(<PopupApp actions={actions} lang="zh-CN" />);
    fireEvent.click(await screen.findByRole('button', { name: '不是这个价格？' }));
    fireEvent.click(screen.getByRole('button', { name: '输入正确价格' }));
    const input = screen.getByLabelText('正确价格');
    fireEvent.input(input, { target: { value: '三块' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect((await screen.findByRole('alert')).textContent).toContain('无法识别');
    expect(actions.calls).toEqual([]);
    fireEvent.input(input, { target: { value: '¥79.90' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(actions.calls).toEqual(['correct:jd:1:7990:CNY']));
    await waitFor(() => expect(screen.queryByLabelText('正确价格')).toBeNull());
  });

  it('"Wrong price?" → pick it on the page starts the picker and says what to do', async () => {
    const actions = createPopupActionsMock(data({ products: [row] }));
    render(<PopupApp actions={actions} lang="en" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Wrong price?' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pick it on the page' }));
    await waitFor(() => expect(actions.calls).toEqual(['pick']));
    expect((await screen.findByText(/click the right price/)).getAttribute('role')).toBe('status');
  });

  it('shows where the price came from', async () => {
    render(
      <PopupApp
        actions={createPopupActionsMock(
          data({
            products: [
              { ...row, priceSource: 'user' },
              { ...row, key: 'product:jd:2', productId: '2', priceSource: 'embedded' },
            ],
          }),
        )}
        lang="zh-CN"
      />,
    );
    expect(await screen.findByText('价格取自你指定的价格或价格位置')).toBeTruthy();
    expect(screen.getByText('价格取自商品页自带的数据')).toBeTruthy();
  });

  it('productRows carries the price source of the latest snapshot', () => {
    const base = {
      kind: 'product' as const,
      platform: 'jd' as const,
      url: 'https://item.jd.com/1.html',
      productId: '1',
      title: 't',
      key: 'product:jd:1',
    };
    const rows = productRows(
      [
        { ...base, price: { amount: 8990, currency: 'CNY' }, priceSource: 'dom', capturedAt: 1 },
        { ...base, price: { amount: 7990, currency: 'CNY' }, priceSource: 'user', capturedAt: 2 },
      ] as SnapshotRecord[],
      [],
    );
    expect(rows[0]).toMatchObject({ price: { amount: 7990 }, priceSource: 'user' });
  });
});

describe('popup: trusted time', () => {
  const withStamping = (stamping: PopupData['stamping']) => ({
    ...SAMPLE_POPUP_DATA,
    ...(stamping ? { stamping } : {}),
  });

  it('offers trusted time once, with the reason, a way to it and a way to close it', async () => {
    const actions = createPopupActionsMock(withStamping({ offer: true }));
    render(<PopupApp actions={actions} lang="zh-CN" />);
    const offer = await screen.findByRole('region', { name: '可信时间戳' });
    expect(offer.textContent).toContain('商家就不能说你改了电脑时间');
    expect(offer.textContent).toContain('只发送一个 32 字节的哈希值');
    fireEvent.click(within(offer).getByRole('button', { name: '去设置' }));
    fireEvent.click(within(offer).getByRole('button', { name: '不用了' }));
    await waitFor(() => expect(actions.calls).toEqual(['stamp-settings', 'stamp-offer-dismiss']));
  });

  it('says nothing about trusted time when there is nothing to say', async () => {
    render(<PopupApp actions={createPopupActionsMock(withStamping(undefined))} lang="zh-CN" />);
    await screen.findAllByText(/小熊电热水壶/);
    expect(screen.queryByText(/时间戳/)).toBeNull();
  });

  it('says how many records wait for a stamp, and warns in both languages when the clock is off', async () => {
    const actions = createPopupActionsMock(withStamping({ unstamped: 4, clockDiffMs: -(2 * 3_600_000 + 5 * 60_000) }));
    const { unmount } = render(<PopupApp actions={actions} lang="zh-CN" />);
    expect((await screen.findByText(/条记录还没有可信时间戳/)).textContent).toContain('4 条记录还没有可信时间戳');
    expect(screen.getByRole('alert').textContent).toBe(
      '本机时间与可信时间相差 2 小时 5 分钟（本机偏快），请校准电脑时间。',
    );
    fireEvent.click(screen.getByRole('button', { name: '查看' }));
    expect(actions.calls).toEqual(['stamp-settings']);
    unmount();
    render(<PopupApp actions={createPopupActionsMock(withStamping({ clockDiffMs: 3 * 60_000 }))} lang="en" />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      "This computer's clock differs from trusted time by 3 min (the computer is behind); please set it right.",
    );
  });
});
