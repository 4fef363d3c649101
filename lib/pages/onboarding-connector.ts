/**
 * The onboarding page over the extension: the optional features' permissions (lib/pages/optional-features.ts).
 * It implements the contract structurally (lib/ never imports a view); entrypoints/onboarding checks the fit.
 */
import { browser } from 'wxt/browser';
import { optionalFeatures } from './optional-features';

export function createOnboardingActions() {
  return {
    browser: import.meta.env.FIREFOX ? ('firefox' as const) : ('chrome' as const),
    // As every other page: the language the browser asks pages in (the shopper can switch in Settings).
    browserLanguage: globalThis.navigator?.language ?? browser.i18n.getUILanguage(),
    ...optionalFeatures,
    openOptions(): void {
      void browser.runtime.openOptionsPage();
    },
    async isPhone(): Promise<boolean> {
      return (await browser.runtime.getPlatformInfo()).os === 'android';
    },
  };
}
