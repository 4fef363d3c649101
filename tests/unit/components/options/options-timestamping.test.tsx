/**
 * Settings → 可信时间戳: says what leaves and what it buys, is off until turned on, asks for the authorities' origins
 * from the click that turns it on (and stays off when refused), gives them back when turned off, lists, adds and
 * removes authorities, and shows what the worker last did.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { OptionsApp } from '@/components/options/OptionsApp';
import { validateCustom } from '@/components/options/OptionsTimestamping';
import { createOptionsActionsMock, orderStorageOf, SAMPLE_NOW } from '@/components/options/actions.mock';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/core/model';
import type { StampingState } from '@/lib/core/timestamp/schedule';
import { localPki } from '../../../e2e/harness/local-tsa';

const ORIGINS = 'https://freetsa.org/*,http://timestamp.digicert.com/*';
const on = (s: Settings = DEFAULT_SETTINGS): Settings => ({ ...s, timestamping: { ...s.timestamping, enabled: true } });

function setup(sample: { settings?: Settings; stamping?: StampingState; grantOrigins?: boolean } = {}) {
  const actions = createOptionsActionsMock({ storage: orderStorageOf(0, [], { evidence: 0, bytes: 0 }), ...sample });
  render(<OptionsApp actions={actions} />);
  return actions;
}
const section = async () =>
  within((await screen.findByRole('heading', { name: '可信时间戳', level: 2 })).parentElement!);
const box = () => screen.getByLabelText('开启可信时间戳') as HTMLInputElement;

describe('options page: trusted time', () => {
  it('says exactly what leaves and what it buys, and is off until turned on', async () => {
    setup();
    const s = await section();
    expect(s.getByText(/不晚于机构的时间就已存在/)).toBeTruthy();
    expect(s.getByText(/你把电脑时间调早了/)).toBeTruthy();
    expect(s.getByText(/只有一个 32 字节的哈希值/)).toBeTruthy();
    expect(s.getByText(/不发送网址、价格、订单号、截图/)).toBeTruthy();
    expect(box().checked).toBe(false);
    expect(s.getByText(/未开启（默认关闭）/)).toBeTruthy();
    expect(s.getByText('FreeTSA')).toBeTruthy();
    expect(s.getByText('DigiCert')).toBeTruthy();
    expect(s.getByRole('button', { name: '添加 Sectigo' })).toBeTruthy();
  });

  it('asks for the authorities’ origins from the click that turns it on, then saves it on', async () => {
    const actions = setup();
    await section();
    fireEvent.click(box());
    // The request is the click's first act, before anything is saved.
    expect(actions.calls).toEqual([`origins:${ORIGINS}`]);
    await waitFor(() => expect(actions.saved).toHaveLength(1));
    expect(actions.saved[0]).toEqual({ timestamping: { ...DEFAULT_SETTINGS.timestamping, enabled: true } });
    await waitFor(() => expect(box().checked).toBe(true));
    expect(screen.getByText('已开启。')).toBeTruthy();

    fireEvent.click(box());
    await waitFor(() => expect(actions.calls).toContain(`release:${ORIGINS}`));
    expect(actions.saved[1]).toMatchObject({ timestamping: { enabled: false } });
  });

  it('stays off and says why when the browser refuses the permission', async () => {
    const actions = setup({ grantOrigins: false });
    await section();
    fireEvent.click(box());
    expect(await screen.findByText(/没有给出访问时间戳机构网址的权限/)).toBeTruthy();
    expect(actions.saved).toEqual([]);
    expect(box().checked).toBe(false);
  });

  it('adds a custom authority with its root (asking for its origin while on), and removes one', async () => {
    const { rootPem } = await localPki();
    const actions = setup({ settings: on() });
    const s = await section();
    fireEvent.click(s.getByText(/添加自定义机构/));
    fireEvent.click(s.getByRole('button', { name: '添加' }));
    expect(await s.findByText('请填写名称。')).toBeTruthy();
    expect(s.getByText('请填写 http:// 或 https:// 开头的网址。')).toBeTruthy();
    expect(s.getByText('请粘贴一张 PEM 格式的证书。')).toBeTruthy();
    expect(actions.saved).toEqual([]);

    fireEvent.input(s.getByLabelText('名称'), { target: { value: '联合信任' } });
    fireEvent.input(s.getByLabelText(/^网址/), { target: { value: 'https://tsa.example.cn/tsa' } });
    fireEvent.input(s.getByLabelText(/^根证书/), { target: { value: rootPem } });
    fireEvent.click(s.getByRole('button', { name: '添加' }));
    expect(actions.calls).toContain('origins:https://tsa.example.cn/*');
    await waitFor(() => expect(actions.saved).toHaveLength(1));
    expect(actions.saved[0]!.timestamping!.authorities).toEqual([
      ...DEFAULT_SETTINGS.timestamping.authorities,
      { name: '联合信任', url: 'https://tsa.example.cn/tsa', rootPem },
    ]);
    expect(await s.findByText('自定义，根证书由你提供')).toBeTruthy();

    fireEvent.click(s.getByRole('button', { name: '移除 DigiCert' }));
    await waitFor(() => expect(actions.saved).toHaveLength(2));
    expect(actions.saved[1]!.timestamping!.authorities!.map((a) => a.name)).toEqual(['FreeTSA', '联合信任']);
    await waitFor(() => expect(actions.calls).toContain('release:http://timestamp.digicert.com/*'));
  });

  it('shows the last stamp, failures with their retry, waiting records and a clock that is off', async () => {
    const stamping: StampingState = {
      authorities: {
        'https://freetsa.org/tsr': { failures: 0, lastOkAt: SAMPLE_NOW, lastGenTime: SAMPLE_NOW - 60_000 },
        'http://timestamp.digicert.com': {
          failures: 2,
          lastError: 'not reachable (offline)',
          retryAt: SAMPLE_NOW + 120_000,
        },
      },
      covered: { seq: 12, genTime: SAMPLE_NOW - 60_000, authority: 'FreeTSA' },
      pending: { count: 3, since: SAMPLE_NOW - 1000 },
      clock: { diffMs: 5 * 60_000, authority: 'FreeTSA', requestedAt: SAMPLE_NOW, genTime: SAMPLE_NOW + 5 * 60_000 },
    };
    setup({ settings: on(), stamping });
    const s = await section();
    expect(await s.findByText(/覆盖证据链 #12 号记录及之前的全部记录/)).toBeTruthy();
    expect(s.getByText(/最近一次时间戳：/)).toBeTruthy();
    expect(s.getByText(/上次失败：not reachable \(offline\)。将于 .* 重试。/)).toBeTruthy();
    expect(s.getByText('3 条记录等待时间戳。')).toBeTruthy();
    expect(s.getByRole('alert').textContent).toBe('本机时间与可信时间相差 5 分钟（本机偏慢），请校准电脑时间。');
    // Not granted in this sample: said per authority.
    expect(s.getAllByText(/缺少访问 .* 的权限/)).toHaveLength(2);
  });

  it('saves the interval, whole minutes 1 to 1440 only', async () => {
    const actions = setup();
    const s = await section();
    const field = s.getByLabelText('每家机构最多每隔几分钟请求一次');
    fireEvent.input(field, { target: { value: '0' } });
    fireEvent.click(s.getByRole('button', { name: '保存间隔' }));
    expect(await s.findByText('请填写 1 到 1440 之间的整数。')).toBeTruthy();
    fireEvent.input(field, { target: { value: '30' } });
    fireEvent.click(s.getByRole('button', { name: '保存间隔' }));
    await waitFor(() =>
      expect(actions.saved).toEqual([{ timestamping: { ...DEFAULT_SETTINGS.timestamping, intervalMinutes: 30 } }]),
    );
  });

  it('refuses a duplicate URL and a seventh authority before anything is sent', () => {
    const list = [{ name: 'FreeTSA', url: 'https://freetsa.org/tsr' }];
    expect(validateCustom({ name: 'x', url: 'https://freetsa.org/tsr', rootPem: '' }, list)).toMatchObject({
      url: 'stampErrDuplicate',
    });
    expect(validateCustom({ name: 'x', url: 'https://a.example/', rootPem: '' }, Array(6).fill(list[0]))).toMatchObject(
      {
        list: 'stampErrTooMany',
      },
    );
  });
});
