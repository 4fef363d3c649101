import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import type { OptionsActions } from '@/components/options/actions';
import { createOptionsActionsMock, orderStorageOf, type OptionsActionsMock } from '@/components/options/actions.mock';
import { validateDraft, draftFromSettings, yuanToFen } from '@/components/options/OptionsSettings';
import { formatBytes } from '@/components/options/OptionsData';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/core/model';
import type { VerifyResult } from '@/lib/core/bundle';

/** The options page's mock, with no orders in the storage table (these tests are about everything else). */
function mockActions(
  overrides: Partial<OptionsActions> = {},
  initial: Settings = DEFAULT_SETTINGS,
): OptionsActionsMock {
  return createOptionsActionsMock(
    { settings: initial, storage: orderStorageOf(0, [], { evidence: 0, bytes: 0 }) },
    overrides,
  );
}

const input = (label: RegExp | string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const file = (name: string, text = '{}') => new File([text], name);

describe('options page: settings', () => {
  it('shows every setting with its stored value, money in yuan', async () => {
    const s: Settings = {
      ...DEFAULT_SETTINGS,
      protectionDays: { ...DEFAULT_SETTINGS.protectionDays, jd: 15 },
      minDifference: { amount: 1205, currency: 'CNY' },
      quietHours: { start: 23, end: 7 },
    };
    // Granted: the box shows the stored setting (without the permission it is never shown ticked, below).
    render(<OptionsApp actions={mockActions({ hasCapturePermission: async () => true }, s)} />);
    await screen.findByText(/已授权/);
    expect((await screen.findByLabelText('京东')).getAttribute('value') ?? input('京东').value).toBe('15');
    for (const p of ['淘宝', '天猫', '抖音商城', '拼多多', '其他商店']) expect(input(p).value).toBe('7');
    expect(input('最小差价（元）').value).toBe('12.05');
    expect(input('付款后仍无揽收').value).toBe('48');
    expect(input('发货后仍无物流扫描').value).toBe('24');
    expect(input('物流停滞').value).toBe('72');
    expect(input('投诉后无回复').value).toBe('72');
    expect(input('价保到期前提醒').value).toBe('24');
    expect(input('显示系统通知').checked).toBe(true);
    expect(input('免打扰时段').checked).toBe(true);
    expect((screen.getByLabelText('开始') as HTMLSelectElement).value).toBe('23');
    expect((screen.getByLabelText('结束') as HTMLSelectElement).value).toBe('7');
    expect(input('打开商品、订单和物流页面时自动截图').checked).toBe(true);
    expect((screen.getByLabelText('界面语言') as HTMLSelectElement).value).toBe('auto');
  });

  it('saves valid input as integers, money as fen, and announces it', async () => {
    const actions = mockActions({ hasCapturePermission: async () => true });
    render(<OptionsApp actions={actions} />);
    await screen.findByText(/已授权/);
    type(await screen.findByLabelText('京东'), '30');
    type(input('最小差价（元）'), '２.５'); // full-width digits from a Chinese IME
    type(input('物流停滞'), '96');
    fireEvent.click(input('显示系统通知'));
    fireEvent.click(input('免打扰时段'));
    fireEvent.change(screen.getByLabelText('开始'), { target: { value: '22' } });
    fireEvent.change(screen.getByLabelText('结束'), { target: { value: '8' } });
    fireEvent.click(input('打开商品、订单和物流页面时自动截图'));
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(actions.saved).toHaveLength(1));
    // Every field the form shows, and not trusted time: its own section saves it (never a stale copy from here).
    const { timestamping: _own, ...formDefaults } = DEFAULT_SETTINGS;
    expect(actions.saved[0]).toEqual({
      ...formDefaults,
      protectionDays: { ...DEFAULT_SETTINGS.protectionDays, jd: 30 },
      minDifference: { amount: 250, currency: 'CNY' },
      stallHours: 96,
      notifications: false,
      quietHours: { start: 22, end: 8 },
      autoCapture: false,
    });
    const status = screen.getAllByRole('status').find((s) => s.textContent === '设置已保存。');
    expect(status).toBeTruthy();
  });

  it('refuses invalid values with a message on each field and saves nothing', async () => {
    const actions = mockActions();
    render(<OptionsApp actions={actions} />);
    type(await screen.findByLabelText('京东'), '0');
    type(input('淘宝'), '7.5');
    type(input('最小差价（元）'), '1.005');
    type(input('物流停滞'), 'abc');
    fireEvent.click(input('免打扰时段'));
    fireEvent.change(screen.getByLabelText('开始'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('结束'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    expect((await screen.findByRole('alert')).textContent).toBe('有 5 项需要修改，请检查标出的字段。');
    expect(actions.saved).toHaveLength(0);
    const jd = input('京东');
    expect(jd.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(jd.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toContain(
      '1 到 365',
    );
    expect(input('最小差价（元）').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/最多两位小数/)).toBeTruthy();
    expect(screen.getByText('开始和结束不能是同一个小时。')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(jd));
  });

  it('shows the background’s refusal when saving fails', async () => {
    render(
      <OptionsApp
        actions={mockActions({ saveSettings: async () => ({ ok: false, error: 'QUOTA_BYTES_PER_ITEM' }) })}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('保存失败：QUOTA_BYTES_PER_ITEM')).toBeTruthy();
  });

  it('switches the whole page to English at once and saves the choice', async () => {
    const actions = mockActions();
    render(<OptionsApp actions={actions} />);
    fireEvent.change(await screen.findByLabelText('界面语言'), { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { name: 'Alert settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'About and privacy' })).toBeTruthy();
    expect(screen.getByText('Nothing leaves this browser.')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(actions.saved[0]?.language).toBe('en'));
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
  });

  it('follows the browser language on "auto"', async () => {
    render(<OptionsApp actions={mockActions({ browserLanguage: 'en-US' })} />);
    expect(await screen.findByRole('heading', { name: 'Alert settings' })).toBeTruthy();
  });

  it.each([
    ['1', 100],
    ['1.00', 100],
    ['0.5', 50],
    ['¥12.34', 1234],
    ['0', 0],
    ['100000', 10_000_000],
    ['1.005', null],
    ['-1', null],
    ['1e2', null],
    ['', null],
    ['100000.01', null],
  ])('reads the minimum difference %j as %j fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it('round-trips settings through the draft unchanged', () => {
    const s: Settings = {
      ...DEFAULT_SETTINGS,
      minDifference: { amount: 1, currency: 'CNY' },
      quietHours: { start: 0, end: 23 },
      language: 'en',
    };
    expect(validateDraft(draftFromSettings(s), s)).toEqual({ ok: true, settings: s });
  });
});

describe('options page: permission', () => {
  it('explains, requests on click, and reports the result', async () => {
    const actions = mockActions();
    render(<OptionsApp actions={actions} />);
    fireEvent.click(await screen.findByRole('button', { name: '授予权限' }));
    expect(actions.calls).toContain('request');
    expect(await screen.findByText(/已授权/)).toBeTruthy();
  });

  it('says what still works when the shopper declines', async () => {
    render(<OptionsApp actions={mockActions({ requestCapturePermission: async () => false })} />);
    fireEvent.click(await screen.findByRole('button', { name: '授予权限' }));
    expect(await screen.findByText(/没有授予权限/)).toBeTruthy();
  });
});

describe('options page: the automatic-screenshot box tells the truth', () => {
  const box = () => screen.findByLabelText(/自动截图/, { selector: 'input[type=checkbox]' });

  it('is not ticked while the permission is missing, though the setting is on, and says why', async () => {
    render(<OptionsApp actions={mockActions()} />);
    expect(((await box()) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/自动截图需要“所有网站”权限/)).toBeTruthy();
  });

  it('asks for the permission when ticked, and shows ticked once it is granted', async () => {
    const actions = mockActions();
    render(<OptionsApp actions={actions} />);
    fireEvent.click(await box());
    expect(actions.calls).toContain('request');
    await waitFor(async () => expect(((await box()) as HTMLInputElement).checked).toBe(true));
    expect(screen.queryByText(/自动截图需要“所有网站”权限/)).toBeNull();
  });

  it('stays unticked when the shopper declines', async () => {
    render(<OptionsApp actions={mockActions({ requestCapturePermission: async () => false })} />);
    fireEvent.click(await box());
    expect(await screen.findByText(/没有授予权限/)).toBeTruthy();
    expect(((await box()) as HTMLInputElement).checked).toBe(false);
  });

  it('is ticked when granted and on', async () => {
    render(<OptionsApp actions={mockActions({ hasCapturePermission: async () => true })} />);
    await waitFor(async () => expect(((await box()) as HTMLInputElement).checked).toBe(true));
  });
});

describe('options page: full-page archive', () => {
  it('turns MHTML archives on from a click and says they are on', async () => {
    const asked: boolean[] = [];
    render(<OptionsApp actions={mockActions({ setArchive: async (on: boolean) => (asked.push(on), true) })} />);
    expect(await screen.findByText('未开启：只保存截图')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '开启整页存档' }));
    expect(await screen.findByText(/已开启/)).toBeTruthy();
    expect(asked).toEqual([true]);
    fireEvent.click(screen.getByRole('button', { name: '关闭整页存档' }));
    expect(await screen.findByText('未开启：只保存截图')).toBeTruthy();
    expect(asked).toEqual([true, false]);
  });

  it('says plainly when the browser cannot make archives (Firefox)', async () => {
    render(<OptionsApp actions={mockActions({ archiveSupport: async () => 'unsupported' as const })} />);
    expect(await screen.findByText(/Firefox 没有 pageCapture/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '开启整页存档' })).toBeNull();
  });
});

describe('options page: data', () => {
  it('shows storage use and record counts', async () => {
    render(<OptionsApp actions={mockActions()} />);
    expect(await screen.findByText(/已用 5 MB，浏览器配额 2 GB/)).toBeTruthy();
    const counts = screen.getByText('页面记录').closest('dl') as HTMLElement;
    expect(within(counts).getByText('12')).toBeTruthy();
    expect(within(counts).getByText('3')).toBeTruthy();
    expect(within(counts).getByText('1.5 kB')).toBeTruthy();
  });

  it('backs up on click and says what was downloaded', async () => {
    const actions = mockActions();
    render(<OptionsApp actions={actions} />);
    fireEvent.click(await screen.findByRole('button', { name: '备份全部数据' }));
    expect(await screen.findByText('已下载 shopwitness-backup.json（2 kB）。')).toBeTruthy();
    expect(actions.calls).toEqual(['backup']);
  });

  it('shows why a restore was refused', async () => {
    const actions = mockActions({ restore: async () => ({ ok: false, error: 'hash-mismatch', detail: 'ev-abc' }) });
    render(<OptionsApp actions={actions} />);
    const picker = await screen.findByLabelText('选择备份文件');
    fireEvent.change(picker, { target: { files: [file('backup.json')] } });
    expect(
      await screen.findByText('没有恢复任何数据。证据文件 ev-abc 的 SHA-256 与它的记录不符：文件被改动过。'),
    ).toBeTruthy();
    // Messages already shown follow a language switch too.
    fireEvent.change(screen.getByLabelText('界面语言'), { target: { value: 'en' } });
    expect(
      await screen.findByText(
        'Nothing was restored. The SHA-256 of evidence file ev-abc does not match its record: the file was changed.',
      ),
    ).toBeTruthy();
  });

  it('reports what a restore added', async () => {
    render(<OptionsApp actions={mockActions()} />);
    fireEvent.change(await screen.findByLabelText('选择备份文件'), { target: { files: [file('backup.json')] } });
    expect(await screen.findByText(/已恢复：新增 1 条页面记录/)).toBeTruthy();
  });

  it('lists each file of a verified bundle, the signature, and the problems as text', async () => {
    const result: VerifyResult = {
      ok: false,
      signature: 'invalid',
      files: [
        { path: 'ticket.json', status: 'ok' },
        { path: 'evidence/001-price.jpg', status: 'changed' },
        { path: 'report.html', status: 'missing' },
        { path: 'evil.txt', status: 'extra' },
      ],
      problems: ['evidence/001-price.jpg: SHA-256 differs from manifest <img src=x onerror=alert(1)>'],
      format: 'shopwitness-bundle/2',
      keyFingerprint: 'ab'.repeat(32),
      notes: ['A screenshot shows what the browser showed.'],
      chain: { records: 5, full: 3, reduced: 2, head: { seq: 4, recordHash: 'cd'.repeat(32) }, keyPinnedAt: 0 },
      trustedTimes: [],
      cited: [],
      covered: false,
    };
    const seen: string[] = [];
    render(<OptionsApp actions={mockActions({ verifyBundle: async (f) => (seen.push(f.name), result) })} />);
    fireEvent.change(await screen.findByLabelText('选择证据包'), { target: { files: [file('bundle.zip')] } });
    expect(await screen.findByText('bundle.zip：验证未通过。')).toBeTruthy();
    expect(seen).toEqual(['bundle.zip']);
    expect(screen.getByText('清单签名：无效')).toBeTruthy();
    // The key is named in full, the chain's extent and head are said, and what the check cannot prove.
    expect(screen.getByText('ab'.repeat(32))).toBeTruthy();
    expect(screen.getByText(/证据链共 5 条记录（完整 3 条，只含哈希 2 条）/)).toBeTruthy();
    expect(screen.getByText(`#4 ${'cd'.repeat(32)}`)).toBeTruthy();
    expect(screen.getByText(/没有可信时间戳/)).toBeTruthy();
    expect(screen.getByText('A screenshot shows what the browser showed.')).toBeTruthy();
    // What no check can prove, in the shopper's language.
    expect(screen.getByText(/截图只能证明浏览器当时显示的内容/)).toBeTruthy();
    const rows = screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual([
      'ticket.json✓ 一致',
      'evidence/001-price.jpg✗ 已改动',
      'report.html✗ 缺失',
      'evil.txt✗ 不在清单中',
    ]);
    expect(screen.getByText(/SHA-256 differs from manifest <img/)).toBeTruthy();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('verifies a bundle dropped onto the drop zone', async () => {
    render(<OptionsApp actions={mockActions()} />);
    const zone = await screen.findByTestId('opt-drop');
    // happy-dom's DataTransfer cannot carry files: a plain drop event with the shape browsers give.
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file('dropped.zip')] } });
    fireEvent(zone, drop);
    expect(drop.defaultPrevented).toBe(true);
    expect(await screen.findByText('dropped.zip：完好。所有文件和签名都通过验证。')).toBeTruthy();
  });

  it('deletes everything only after the confirmation word is typed', async () => {
    const actions = mockActions();
    render(<OptionsApp actions={actions} />);
    fireEvent.click(await screen.findByRole('button', { name: '删除全部数据…' }));
    const confirm = await screen.findByLabelText('输入“删除”以确认');
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    const go = screen.getByRole('button', { name: '永久删除' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    type(confirm, '删');
    expect(go.disabled).toBe(true);
    fireEvent.submit(go.closest('form') as HTMLFormElement);
    expect(actions.calls).toEqual([]);
    type(confirm, '删除');
    expect(go.disabled).toBe(false);
    fireEvent.click(go);
    expect(await screen.findByText('已删除全部数据。')).toBeTruthy();
    expect(actions.calls).toEqual(['deleteAll']);
  });

  it('cancelling the delete dialog deletes nothing and returns focus', async () => {
    const actions = mockActions();
    render(<OptionsApp actions={actions} />);
    const trigger = await screen.findByRole('button', { name: '删除全部数据…' });
    fireEvent.click(trigger);
    type(await screen.findByLabelText('输入“删除”以确认'), 'DELETE');
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(actions.calls).toEqual([]);
    expect(document.activeElement).toBe(trigger);
    expect(screen.queryByLabelText('输入“删除”以确认')).toBeNull();
  });

  it('formats sizes with Intl in both languages', () => {
    expect(formatBytes(0, 'en')).toBe('0 byte');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(3 * 1024 ** 3, 'zh-CN')).toMatch(/^3\s?GB$/);
  });
});

describe('options page: about', () => {
  it('says nothing leaves the browser and shows the version', async () => {
    render(<OptionsApp actions={mockActions()} />);
    expect(await screen.findByText('数据不会离开这个浏览器。')).toBeTruthy();
    expect(screen.getByText('版本 0.1.0')).toBeTruthy();
  });
});
