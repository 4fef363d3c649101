/** The shopper's language for what the worker shows (notifications, banners): the setting, else the browser's. */
import { browser } from 'wxt/browser';
import { detectLang, type Lang } from '../core/i18n';
import type { Settings } from '../core/model';

export function uiLang(pref: Settings['language'] = 'auto'): Lang {
  return detectLang(pref, browser.i18n.getUILanguage());
}
