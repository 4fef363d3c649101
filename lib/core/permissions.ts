/**
 * Every permission the manifest asks for, why, and the install warning it makes the browser show. One list
 * for the onboarding page, the README and the store listings (scripts/store-listing.ts); a unit test
 * checks it against the manifest wxt.config.ts builds for each browser, so a new permission cannot ship
 * unexplained. Texts are message keys (public/_locales, zh-CN and en).
 */
import type { MessageKey } from './i18n';

export type Browser = 'chrome' | 'firefox';

export interface PermissionNote {
  /** As written in the manifest: a permission name, or a host pattern. */
  name: string;
  /**
   * `host` entries are host_permissions (the five shops), the optional `<all_urls>`, or the optional origin of a
   * built-in time-stamping authority.
   */
  kind: 'permission' | 'host';
  /** Asked for at install, or only when the shopper turns the feature on. */
  when: 'install' | 'optional';
  browsers: readonly Browser[];
  why: MessageKey;
  /** The warning the browser shows for it, where it shows one. */
  warning?: Partial<Record<Browser, MessageKey>>;
}

const BOTH: readonly Browser[] = ['chrome', 'firefox'];

export const PERMISSIONS: readonly PermissionNote[] = [
  {
    name: 'shop hosts',
    kind: 'host',
    when: 'install',
    browsers: BOTH,
    why: 'permWhyShops',
    warning: { chrome: 'permWarnShopsChrome', firefox: 'permWarnShopsFirefox' },
  },
  {
    name: 'tabs',
    kind: 'permission',
    when: 'install',
    browsers: BOTH,
    why: 'permWhyTabs',
    warning: { chrome: 'permWarnTabsChrome', firefox: 'permWarnTabsFirefox' },
  },
  {
    name: 'notifications',
    kind: 'permission',
    when: 'install',
    browsers: BOTH,
    why: 'permWhyNotifications',
    warning: { chrome: 'permWarnNotificationsChrome', firefox: 'permWarnNotificationsFirefox' },
  },
  {
    name: 'unlimitedStorage',
    kind: 'permission',
    when: 'install',
    browsers: BOTH,
    why: 'permWhyUnlimitedStorage',
    warning: { firefox: 'permWarnUnlimitedStorageFirefox' },
  },
  { name: 'storage', kind: 'permission', when: 'install', browsers: BOTH, why: 'permWhyStorage' },
  { name: 'alarms', kind: 'permission', when: 'install', browsers: BOTH, why: 'permWhyAlarms' },
  { name: 'activeTab', kind: 'permission', when: 'install', browsers: BOTH, why: 'permWhyActiveTab' },
  { name: 'contextMenus', kind: 'permission', when: 'install', browsers: BOTH, why: 'permWhyContextMenus' },
  { name: 'scripting', kind: 'permission', when: 'install', browsers: BOTH, why: 'permWhyScripting' },
  { name: 'offscreen', kind: 'permission', when: 'install', browsers: ['chrome'], why: 'permWhyOffscreen' },
  {
    name: '<all_urls>',
    kind: 'host',
    when: 'optional',
    browsers: BOTH,
    why: 'permWhyAllUrls',
    warning: { chrome: 'permWarnAllUrlsChrome', firefox: 'permWarnAllUrlsFirefox' },
  },
  // Trusted time (Settings → 可信时间戳): each built-in authority's origin, asked for when the shopper turns it on.
  // Only a 32-byte hash of the chain head is sent there. Same order and names as BUILTIN_TSA (a test checks).
  {
    name: 'https://freetsa.org/*',
    kind: 'host',
    when: 'optional',
    browsers: BOTH,
    why: 'permWhyTsa',
    warning: { chrome: 'permWarnTsaFreetsaChrome', firefox: 'permWarnTsaFreetsaFirefox' },
  },
  {
    name: 'http://timestamp.digicert.com/*',
    kind: 'host',
    when: 'optional',
    browsers: BOTH,
    why: 'permWhyTsa',
    warning: { chrome: 'permWarnTsaDigicertChrome', firefox: 'permWarnTsaDigicertFirefox' },
  },
  {
    name: 'http://timestamp.sectigo.com/*',
    kind: 'host',
    when: 'optional',
    browsers: BOTH,
    why: 'permWhyTsa',
    warning: { chrome: 'permWarnTsaSectigoChrome', firefox: 'permWarnTsaSectigoFirefox' },
  },
  {
    name: 'pageCapture',
    kind: 'permission',
    when: 'optional',
    browsers: ['chrome'],
    why: 'permWhyPageCapture',
    warning: { chrome: 'permWarnPageCaptureChrome' },
  },
];
