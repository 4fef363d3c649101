import { ATTACHMENT_ACCEPT } from '@/lib/core/attachments';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { OrderEvidencePage } from '@/components/evidence/OrderEvidencePage';
import type { OrderPageActions } from '@/components/evidence/actions';
import { createEvidenceActionsMock } from '@/components/evidence/actions.mock';
import { translator } from '@/lib/core/i18n';
import { orderPagePath, parseOrderParam, type OrderRef } from '@/lib/core/order-page';
import type { OrderEvidenceItem, OrderRow } from '@/lib/core/order-rows';

const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);
const MB = 1024 * 1024;
const ref: OrderRef = { platform: 'jd', orderId: '301234567890' };
const row: OrderRow = {
  key: 'jd:301234567890',
  platform: 'jd',
  orderId: '301234567890',
  url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
  title: '小熊电热水壶',
  shop: '小熊电器京东自营旗舰店',
  paid: { amount: 8990, currency: 'CNY' },
  paidAt: PAID,
};

const shot: OrderEvidenceItem = {
  id: 'ev-a',
  kind: 'order-screenshot',
  capturedAt: PAID + 60_000,
  sha256: '0123456789abcdef'.repeat(4),
  mime: 'image/jpeg',
  caption: '京东 订单 301234567890',
};
const archive: OrderEvidenceItem = {
  id: 'ev-m',
  kind: 'page-archive',
  capturedAt: PAID + 60_000,
  sha256: 'fedcba9876543210'.repeat(4),
  mime: 'application/x-mimearchive',
  fileName: '301234567890.mhtml',
};

/**
 * The page's mock (attach appends an attachment item, as the real chain would, and is recorded), with the list
 * reads recorded too and, when `fail` names a file, that file refused as a full disk would.
 */
function fakeActions(initial: OrderEvidenceItem[], fail?: string) {
  const mock = createEvidenceActionsMock({ rows: [row], evidence: { [row.key]: initial }, now: PAID });
  const calls = mock.calls;
  const actions: OrderPageActions = {
    ...mock,
    orderEvidence: async (o) => (calls.push(`list:${o.platform}:${o.orderId}`), mock.orderEvidence(o)),
    attach: async (file, o) => {
      if (file.name !== fail) return mock.attach(file, o);
      calls.push(`attach:${file.name}:${o.platform}:${o.orderId}`);
      throw new Error('disk full');
    },
  };
  return { actions, calls };
}

function file(name: string, type: string, size = 3): File {
  const f = new File([new Uint8Array(Math.min(size, 16))], name, { type });
  if (size > 16) Object.defineProperty(f, 'size', { value: size });
  return f;
}

function choose(files: File[]) {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

describe('order evidence page address', () => {
  it('names the order by platform and id, and refuses anything else', () => {
    expect(orderPagePath(ref)).toBe('evidence.html?order=jd%3A301234567890');
    expect(parseOrderParam('?order=jd%3A301234567890')).toEqual(ref);
    expect(parseOrderParam('?order=taobao:40:00')).toEqual({ platform: 'taobao', orderId: '40:00' });
    for (const bad of ['', '?order=', '?order=jd', '?order=jd:', '?order=ebay:1', `?order=jd:${'1'.repeat(201)}`])
      expect(parseOrderParam(bad), bad).toBeNull();
  });
});

describe('order evidence page', () => {
  it('shows the order and lists its evidence, each linking to its evidence page', async () => {
    const { actions, calls } = fakeActions([shot, archive]);
    render(<OrderEvidencePage order={ref} row={row} actions={actions} t={translator('zh-CN')} locale="zh-CN" />);
    expect(screen.getByRole('heading', { level: 1, name: '订单证据' })).toBeTruthy();
    expect(screen.getByText('京东')).toBeTruthy();
    expect(screen.getByTestId('order-id').textContent).toBe('301234567890');
    expect(screen.getByRole('link', { name: '小熊电热水壶' }).getAttribute('href')).toBe(row.url);
    expect(screen.getByText('小熊电器京东自营旗舰店')).toBeTruthy();
    expect(screen.getByTestId('paid').textContent).toBe('¥89.90');
    const links = await screen.findAllByRole('link', { name: /查看证据原图/ });
    expect(links.map((a) => a.getAttribute('href')).sort()).toEqual(['evidence.html#ev-a', 'evidence.html#ev-m']);
    expect(screen.getByRole('heading', { level: 2, name: '订单 301234567890 的证据 · 共 2 项' })).toBeTruthy();
    expect([...document.querySelectorAll('.gallery__kind')].map((k) => k.textContent).sort()).toEqual(
      ['网页存档', '订单截图'].sort(),
    );
    expect(calls).toEqual(['list:jd:301234567890']);
    // The file input is labelled, takes several files, and accepts what the limits allow.
    const input = screen.getByLabelText(/添加附件（聊天记录/) as HTMLInputElement;
    expect(input.multiple).toBe(true);
    // Never markup that runs or styles itself (HTML, SVG): the evidence allow-list.
    expect(input.accept).toBe(ATTACHMENT_ACCEPT);
    expect(input.accept).not.toMatch(/html|svg|\*/);
    expect(screen.getByText(/图片和 PDF 每个不超过 20 MB，视频 200 MB，文本 5 MB/)).toBeTruthy();
  });

  it('adds the files it accepts under the order, refuses the rest one by one, and says so in a status line', async () => {
    const { actions, calls } = fakeActions([shot]);
    render(<OrderEvidencePage order={ref} row={row} actions={actions} t={translator('zh-CN')} locale="zh-CN" />);
    await screen.findAllByRole('link', { name: /查看证据原图/ });
    choose([
      file('聊天记录.png', 'image/png'),
      file('setup.exe', 'application/x-msdownload'),
      file('开箱.mp4', 'video/mp4', 250 * MB),
      file('检测报告.pdf', 'application/pdf'),
      file('空.txt', 'text/plain', 0),
    ]);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status.textContent).toContain('已添加 2 个附件'));
    expect(within(status).getByText('不支持的文件类型：setup.exe（支持图片、视频、PDF、文本）')).toBeTruthy();
    expect(within(status).getByText('文件太大或为空：开箱.mp4（上限 200 MB）')).toBeTruthy();
    expect(within(status).getByText('文件太大或为空：空.txt（上限 5 MB）')).toBeTruthy();
    // Only the accepted files reach the chain, each with the order's id and platform.
    expect(calls.filter((c) => c.startsWith('attach:'))).toEqual([
      'attach:聊天记录.png:jd:301234567890',
      'attach:检测报告.pdf:jd:301234567890',
    ]);
    // The list reads again and shows them, named by their file.
    await waitFor(() => expect(screen.getAllByRole('link', { name: /查看证据原图/ })).toHaveLength(3));
    expect(screen.getByText('聊天记录.png')).toBeTruthy();
    expect(screen.getByText('检测报告.pdf')).toBeTruthy();
  });

  it('says which file could not be stored, in English too, and works for an order whose page was never read', async () => {
    const { actions } = fakeActions([], 'receipt.pdf');
    render(<OrderEvidencePage order={ref} row={null} actions={actions} t={translator('en')} locale="en" />);
    expect(await screen.findByText('No evidence for this order yet.')).toBeTruthy();
    expect(screen.getByText(/page has not been read yet/)).toBeTruthy();
    expect(screen.queryByTestId('paid')).toBeNull();
    choose([file('receipt.pdf', 'application/pdf'), file('chat.txt', 'text/plain')]);
    const status = screen.getByRole('status');
    await waitFor(() => expect(status.textContent).toContain('Added 1 attachment(s), hashed and chained'));
    expect(within(status).getByText('Could not add receipt.pdf (disk full)')).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('link', { name: /Open evidence in full/ })).toHaveLength(1));
  });

  it('says it is busy while hashing, and takes no more files until done', async () => {
    let release: () => void = () => undefined;
    const { actions } = fakeActions([]);
    const slow: OrderPageActions = {
      ...actions,
      attach: (f, o) => new Promise<void>((r) => (release = () => void actions.attach(f, o).then(r))),
    };
    render(<OrderEvidencePage order={ref} row={row} actions={slow} t={translator('zh-CN')} locale="zh-CN" />);
    await screen.findByText('这个订单还没有证据。');
    choose([file('开箱.mp4', 'video/mp4', 50 * MB)]);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('正在计算哈希并加入证据链（1/1）：开箱.mp4'),
    );
    expect((document.querySelector('input[type="file"]') as HTMLInputElement).disabled).toBe(true);
    release();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('已添加 1 个附件'));
    expect((document.querySelector('input[type="file"]') as HTMLInputElement).disabled).toBe(false);
  });
});
