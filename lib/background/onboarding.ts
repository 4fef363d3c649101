/**
 * The onboarding page opens once, on a fresh install: not on an update or a browser update, and not in the
 * test build, whose e2e runs count the tabs they open.
 */
import { browser } from 'wxt/browser';

export function openOnboardingOnInstall(details: { reason: string }): void {
  if (details.reason !== 'install' || import.meta.env.MODE === 'test') return;
  void browser.tabs.create({ url: browser.runtime.getURL('/onboarding.html') });
}
