/**
 * What the onboarding page may ask for: its contract. lib/pages/onboarding-connector.ts implements it over
 * the extension; actions.mock.ts beside this file with plain objects, for tests and rendering without it.
 */
import type { ArchiveSupport } from '@/lib/core/options-view';
import type { Browser } from '@/lib/core/permissions';

export interface OnboardingActions {
  /** Which browser's install warnings to explain. */
  browser: Browser;
  /** The browser's UI language (the page follows it; the shopper can switch). */
  browserLanguage: string;
  hasCapturePermission(): Promise<boolean>;
  /** Must be called straight from a click: permissions.request needs a user gesture. */
  requestCapturePermission(): Promise<boolean>;
  /** Whole-page MHTML archives (Chrome's optional pageCapture permission; Firefox: unsupported). */
  archiveSupport(): Promise<ArchiveSupport>;
  /** Must be called straight from a click, like requestCapturePermission. */
  setArchive(on: boolean): Promise<boolean>;
  openOptions(): void;
  /** Firefox for Android: no context menu, shortcut or reliable notifications; the page says what to use instead. */
  isPhone(): Promise<boolean>;
}
