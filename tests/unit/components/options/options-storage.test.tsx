import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import type { OptionsActions } from '@/components/options/actions';
import { createOptionsActionsMock, orderStorageOf, orderUsage } from '@/components/options/actions.mock';
import { DEFAULT_SETTINGS } from '@/lib/core/model';
import type { OrderUsage } from '@/lib/core/storage-usage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 31);

const row = (fields: Partial<OrderUsage> & Pick<OrderUsage, 'key' | 'orderId'>) => orderUsage(fields, NOW);

const ORDERS = [
  row({ key: 'jd:BIG', orderId: 'BIG', bytes: 3 * 1024 * 1024, evidence: 3, ids: ['ev-a', 'ev-b', 'ev-c'] }),
  row({
    key: 'taobao:OPEN',
    platform: 'taobao',
    orderId: 'OPEN',
    closed: false,
    openReasons: ['window-open', 'open-alert'],
    bytes: 1024 * 1024,
  }),
  row({ key: 'jd:RECENT', orderId: 'RECENT', lastActivity: NOW - 5 * DAY, bytes: 4096 }),
];

type Calls = { archive: string[][]; prune: { ids: string[]; archive: { fileName: string; sha256: string } | null }[] };

/** The options page's mock over ORDERS, with archive and prune calls recorded as the tests read them. */
function actions(overrides: Partial<OptionsActions> = {}): OptionsActions & { calls: Calls } {
  const calls: Calls = { archive: [], prune: [] };
  const mock = createOptionsActionsMock({ storage: orderStorageOf(NOW, ORDERS) }, overrides);
  return {
    ...mock,
    calls,
    archive: async (keys) => (calls.archive.push(keys), mock.archive(keys)),
    prune: async (ids, archive) => (calls.prune.push({ ids, archive }), mock.prune(ids, archive)),
  };
}

const table = async () => (await screen.findByRole('table', { name: '按订单的证据用量' })) as HTMLTableElement;
const check = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;

describe('options page: evidence by order', () => {
  it('lists orders largest first with platform, id, title, state, count and size, then other evidence and the total', async () => {
    render(<OptionsApp actions={actions()} />);
    const rows = within(await table())
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('td, th')].map((c) => c.textContent?.trim()));
    expect(rows).toEqual([
      ['选择', '平台', '订单号', '商品', '状态', '证据', '大小'],
      ['', '京东', 'BIG', '商品 BIG', '已结束', '3', '3 MB'],
      ['', '淘宝', 'OPEN', '商品 OPEN', '进行中：价保期未过、有未处理的提醒', '2', '1 MB'],
      ['', '京东', 'RECENT', '商品 RECENT', '已结束', '2', '4 kB'],
      ['', '其他证据（未关联订单）', '1', '512 B'],
      ['', '合计', '8', '4 MB'],
    ]);
    // Open orders cannot be chosen at all.
    expect(check('选择京东订单 BIG').disabled).toBe(false);
    expect(check('选择淘宝订单 OPEN').disabled).toBe(true);
  });

  it('selects closed orders older than N days, and says how much is selected', async () => {
    render(<OptionsApp actions={actions()} />);
    await table();
    expect((screen.getByLabelText('最后动态早于（天）') as HTMLInputElement).value).toBe('90');
    fireEvent.click(screen.getByRole('button', { name: '选择这些已结束订单' }));
    expect(check('选择京东订单 BIG').checked).toBe(true);
    expect(check('选择京东订单 RECENT').checked).toBe(false);
    expect(screen.getByText('已选 1 个订单，3 条证据，共 3 MB')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('最后动态早于（天）'), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: '选择这些已结束订单' }));
    expect(check('选择京东订单 RECENT').checked).toBe(true);
    expect(screen.getByText('已选中 2 个超过 1 天的已结束订单。')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('最后动态早于（天）'), { target: { value: '-3' } });
    expect((screen.getByRole('button', { name: '选择这些已结束订单' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '清除选择' }));
    expect(check('选择京东订单 BIG').checked).toBe(false);
  });

  it('offers deleting only after an archive, names count and size, and shows the bytes freed', async () => {
    const a = actions();
    render(<OptionsApp actions={a} />);
    await table();
    expect(screen.queryByRole('button', { name: /删除已归档证据/ })).toBeNull();
    const archive = screen.getByRole('button', { name: '归档所选订单' }) as HTMLButtonElement;
    expect(archive.disabled).toBe(true);
    fireEvent.click(check('选择京东订单 BIG'));
    fireEvent.click(archive);
    expect(
      await screen.findByText(
        '已下载 shopwitness-archive-2026-12-31.zip（3 MB），校验通过，含 3 个证据文件。请确认文件已保存，再删除本机的这些证据。',
      ),
    ).toBeTruthy();
    expect(a.calls.archive).toEqual([['jd:BIG']]);
    expect(a.calls.prune).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: '删除已归档证据（3 条）…' }));
    const dialog = await screen.findByRole('dialog', { hidden: true, name: '删除已归档的证据？' });
    expect(dialog.textContent).toContain(
      '将从本机删除 3 条证据（3 MB），它们已归档到 shopwitness-archive-2026-12-31.zip。',
    );
    const go = within(dialog).getByRole('button', { name: '删除 3 条证据（3 MB）', hidden: true });
    await waitFor(() => expect(document.activeElement).toBe(go));
    fireEvent.click(go);
    expect(await screen.findByText('已删除 3 条证据，释放 3 MB。')).toBeTruthy();
    expect(a.calls.prune).toEqual([
      {
        ids: ['ev-a', 'ev-b', 'ev-c'],
        archive: { fileName: 'shopwitness-archive-2026-12-31.zip', sha256: 'ab'.repeat(32) },
      },
    ]);
    // The table reloads without the pruned order; the prune button is gone.
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: '选择京东订单 BIG' })).toBeNull());
    expect(screen.queryByRole('button', { name: /删除已归档证据/ })).toBeNull();
  });

  it('cancelling the prune deletes nothing and keeps the archive offer', async () => {
    const a = actions();
    render(<OptionsApp actions={a} />);
    await table();
    fireEvent.click(check('选择京东订单 BIG'));
    fireEvent.click(screen.getByRole('button', { name: '归档所选订单' }));
    const prune = await screen.findByRole('button', { name: '删除已归档证据（3 条）…' });
    prune.focus(); // as a click or Enter on it would
    fireEvent.click(prune);
    fireEvent.click(await screen.findByRole('button', { name: '取消', hidden: true }));
    expect(a.calls.prune).toEqual([]);
    expect(document.activeElement).toBe(prune);
  });

  it('deleting without an archive needs the typed word as a second confirmation', async () => {
    const a = actions();
    render(<OptionsApp actions={a} />);
    await table();
    fireEvent.click(check('选择京东订单 RECENT'));
    fireEvent.click(screen.getByRole('button', { name: '不归档直接删除…' }));
    const dialog = await screen.findByRole('dialog', { hidden: true, name: '不归档就删除证据？' });
    expect(dialog.textContent).toContain('将从本机删除所选订单的 2 条证据（4 kB），没有归档副本');
    const go = within(dialog).getByRole('button', { name: '删除 2 条证据（4 kB）', hidden: true }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    fireEvent.submit(go.closest('form') as HTMLFormElement);
    expect(a.calls.prune).toEqual([]);
    fireEvent.input(within(dialog).getByLabelText('输入“删除”以确认'), { target: { value: '删除' } });
    fireEvent.click(go);
    await screen.findByText(/已删除 2 条证据/);
    expect(a.calls.prune).toEqual([{ ids: ['ev-RECENT-1', 'ev-RECENT-2'], archive: null }]);
  });

  it('a failed archive (a full disk) offers no delete and says nothing was deleted', async () => {
    const a = actions({
      archive: async () => ({ ok: false, error: 'failed', detail: 'QuotaExceededError: The quota has been exceeded.' }),
    });
    render(<OptionsApp actions={a} />);
    await table();
    fireEvent.click(check('选择京东订单 BIG'));
    fireEvent.click(screen.getByRole('button', { name: '归档所选订单' }));
    expect(
      await screen.findByText('归档失败，没有删除任何数据：QuotaExceededError: The quota has been exceeded.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /删除已归档证据/ })).toBeNull();
  });

  it('says why an archive or a prune was refused', async () => {
    const a = actions({
      archive: async () => ({ ok: false, error: 'too-large', detail: '1 > 0' }),
      prune: async () => ({
        ok: false,
        error: 'write-failed',
        detail: 'QuotaExceededError',
        deleted: 1,
        freedBytes: 2048,
      }),
    });
    render(<OptionsApp actions={a} />);
    await table();
    fireEvent.click(check('选择京东订单 BIG'));
    fireEvent.click(screen.getByRole('button', { name: '归档所选订单' }));
    expect(await screen.findByText('所选证据超过单个归档的上限（256 MB），请少选一些订单，分批归档。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '不归档直接删除…' }));
    fireEvent.input(await screen.findByLabelText('输入“删除”以确认'), { target: { value: 'DELETE' } });
    fireEvent.click(screen.getByRole('button', { name: '删除 3 条证据（3 MB）', hidden: true }));
    expect(
      await screen.findByText(
        '删除中途失败（QuotaExceededError）。已删除 1 条、释放 2 kB，其余证据完好，可以稍后再试。',
      ),
    ).toBeTruthy();
  });

  it('speaks English too', async () => {
    render(<OptionsApp actions={actions({ loadSettings: async () => ({ ...DEFAULT_SETTINGS, language: 'en' }) })} />);
    const t = (await screen.findByRole('table', { name: 'Evidence by order' })) as HTMLTableElement;
    expect(within(t).getByText('Open: price-protection window still open, an alert is open')).toBeTruthy();
    expect(within(t).getByText('Other evidence (not linked to an order)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Archive selected orders' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Select JD order BIG' })).toBeTruthy();
  });
});
