/** A Chromium tab as on a phone (Playwright + CDP): Firefox for Android's screen, touch input and user agent. */
import type { Page } from 'playwright-core';
import { ANDROID_UA, PHONE } from './phone';

/** A phone's screen and its touch input ((pointer: coarse), (hover: none)), as Firefox for Android has them. */
export async function asPhone(page: Page): Promise<void> {
  await page.setViewportSize(PHONE);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
}

/** A shop tab as on the phone: its screen, its touch input and Firefox for Android's user agent. */
export async function asAndroidPhone(page: Page): Promise<void> {
  await asPhone(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setUserAgentOverride', { userAgent: ANDROID_UA, platform: 'Android' });
}
