/** The onboarding page's actions with plain objects: nothing granted until asked, every request recorded. */
import type { OnboardingActions } from './actions';

export type OnboardingActionsMock = OnboardingActions & { calls: string[] };

export function createOnboardingActionsMock(overrides: Partial<OnboardingActions> = {}): OnboardingActionsMock {
  const calls: string[] = [];
  let capture = false;
  let archive = false;
  return {
    calls,
    browser: 'chrome',
    browserLanguage: 'zh-CN',
    hasCapturePermission: async () => capture,
    requestCapturePermission: async () => (calls.push('request-capture'), (capture = true)),
    archiveSupport: async () => (archive ? 'granted' : 'missing'),
    setArchive: async (on) => (calls.push(`archive:${on}`), (archive = on), true),
    openOptions: () => void calls.push('options'),
    isPhone: async () => false,
    ...overrides,
  };
}
