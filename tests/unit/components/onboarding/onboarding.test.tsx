import { fireEvent, render, screen, within } from '@testing-library/preact';
import { OnboardingApp } from '@/components/onboarding/OnboardingApp';
import { createOnboardingActionsMock } from '@/components/onboarding/actions.mock';
import { PopupApp } from '@/components/popup/PopupApp';
import { createPopupActionsMock, SAMPLE_POPUP_DATA } from '@/components/popup/actions.mock';

describe('onboarding page', () => {
  it('says what it reads and what stays local, in Chinese first', async () => {
    render(<OnboardingApp actions={createOnboardingActionsMock()} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('欢迎使用购物维权助手');
    expect(screen.getByText(/只读取，不会替你点击或下单/)).toBeTruthy();
    expect(screen.getByText(/没有我们的服务器，没有统计分析/)).toBeTruthy();
  });

  it('turns automatic screenshots on with one click, after saying what the browser will ask', async () => {
    const actions = createOnboardingActionsMock();
    render(<OnboardingApp actions={actions} />);
    expect(await screen.findByText(/○ 未开启：现在只能/)).toBeTruthy();
    const feature = document.querySelector<HTMLElement>('[data-feature=capture]')!;
    expect(within(feature).getByText(/浏览器会提示：“读取和更改您在所有网站上的所有数据”/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '开启自动截图' }));
    expect(actions.calls).toEqual(['request-capture']);
    expect(await screen.findByText(/✓ 已开启：打开订单页/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '开启自动截图' })).toBeNull();
  });

  it('says so when the shopper declines, and keeps the button', async () => {
    render(<OnboardingApp actions={createOnboardingActionsMock({ requestCapturePermission: async () => false })} />);
    fireEvent.click(await screen.findByRole('button', { name: '开启自动截图' }));
    expect(await screen.findByText(/没有授予权限/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '开启自动截图' })).toBeTruthy();
  });

  it('on a phone, says in a few lines what replaces the context menu, notifications and downloads', async () => {
    render(<OnboardingApp actions={createOnboardingActionsMock({ browser: 'firefox', isPhone: async () => true })} />);
    const section = await screen.findByRole('region', { name: '在手机上' });
    expect(section.textContent).toContain('没有右键菜单和快捷键');
    expect(section.textContent).toContain('截取当前页面');
    expect(section.textContent).toContain('「所有网站」访问权限');
    expect(section.textContent).toContain('下一个商城页面底部');
  });

  it('on a desktop, has no phone section', async () => {
    render(<OnboardingApp actions={createOnboardingActionsMock()} />);
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('region', { name: '在手机上' })).toBeNull();
  });

  it('explains each install warning of the browser it runs in', () => {
    render(<OnboardingApp actions={createOnboardingActionsMock({ browser: 'firefox', browserLanguage: 'en' })} />);
    const warnings = screen.getAllByRole('term').map((d) => d.textContent);
    expect(warnings).toContain('“Access browser tabs”');
    expect(warnings).toContain('“Store unlimited amount of client-side data”');
    expect(warnings).not.toContain('“Read your browsing history”');
  });

  it('says Firefox cannot archive whole pages instead of offering a button that fails', async () => {
    render(
      <OnboardingApp
        actions={createOnboardingActionsMock({ browser: 'firefox', archiveSupport: async () => 'unsupported' })}
      />,
    );
    expect(await screen.findByText(/Firefox 没有这个接口/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '开启整页存档' })).toBeNull();
  });
});

describe('popup: what happens on its own', () => {
  it('says automatic screenshots are off without the permission, and offers the switch', async () => {
    const actions = createPopupActionsMock({ ...SAMPLE_POPUP_DATA, captureGranted: false });
    render(<PopupApp actions={actions} lang="zh-CN" />);
    expect(await screen.findByText(/自动截图未开启/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '开启' }));
    expect(actions.calls).toContain('onboarding');
  });

  it('says nothing when screenshots will happen', async () => {
    render(<PopupApp actions={createPopupActionsMock({ ...SAMPLE_POPUP_DATA, captureGranted: true })} lang="zh-CN" />);
    await screen.findAllByRole('listitem');
    expect(screen.queryByText(/自动截图未开启/)).toBeNull();
  });

  it('points to Settings when the shopper turned them off', async () => {
    const data = { ...SAMPLE_POPUP_DATA, settings: { ...SAMPLE_POPUP_DATA.settings, autoCapture: false } };
    render(<PopupApp actions={createPopupActionsMock(data)} lang="zh-CN" />);
    expect(await screen.findByText(/自动截图已在设置中关闭/)).toBeTruthy();
  });
});
