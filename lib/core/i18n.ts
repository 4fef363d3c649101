/**
 * UI strings from public/_locales (the same files the browser uses for the manifest), bundled so the
 * language can follow the browser or be switched by hand, and so components render in tests.
 */
import en from '../../public/_locales/en/messages.json';
import zh from '../../public/_locales/zh_CN/messages.json';

export type Lang = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zh;
type Catalog = Record<string, { message: string }>;

const CATALOGS: Record<Lang, Catalog> = { 'zh-CN': zh, en };

export function detectLang(
  pref: 'auto' | Lang = 'auto',
  browserLang = globalThis.navigator?.language ?? 'zh-CN',
): Lang {
  if (pref !== 'auto') return pref;
  return browserLang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export type T = (key: MessageKey, ...subs: (string | number)[]) => string;

export function translator(lang: Lang): T {
  const catalog = CATALOGS[lang];
  return (key, ...subs) => {
    const msg = catalog[key]?.message ?? CATALOGS['zh-CN'][key]?.message ?? key;
    return msg.replace(/\$(\d)/g, (_m, n: string) => String(subs[Number(n) - 1] ?? ''));
  };
}
