/**
 * The README's permission tables (zh-CN and en), made from lib/core/permissions.ts and the locale files:
 * `npx tsx scripts/permissions-table.ts [zh-CN|en]` prints one. tests/unit/conventions/readme.test.ts checks
 * that README.md and README.en.md hold them exactly, so the README cannot drift from the manifest.
 */
import { translator, type Lang } from '../lib/core/i18n';
import { PERMISSIONS } from '../lib/core/permissions';

const HEAD: Record<Lang, string[]> = {
  'zh-CN': ['权限', '何时请求', 'Chrome 安装提示', 'Firefox 安装提示', '为什么需要'],
  en: ['Permission', 'Asked', 'Chrome shows', 'Firefox shows', 'Why'],
};
const WHEN: Record<Lang, Record<'install' | 'optional', string>> = {
  'zh-CN': { install: '安装时', optional: '你开启功能时（可选）' },
  en: { install: 'at install', optional: 'when you turn it on (optional)' },
};
const NONE: Record<Lang, string> = { 'zh-CN': '（无提示）', en: '(none)' };
const NOT: Record<Lang, string> = { 'zh-CN': '（不适用）', en: '(not asked)' };

export function permissionsTable(lang: Lang): string {
  const t = translator(lang);
  const name = (n: string) =>
    n === 'shop hosts'
      ? lang === 'en'
        ? 'the five shops’ and three tracking sites’ hosts'
        : '五个商城和三个快递查询网站的网址'
      : `\`${n}\``;
  const rows = PERMISSIONS.map((p) => {
    const shown = (b: 'chrome' | 'firefox') =>
      !p.browsers.includes(b) ? NOT[lang] : p.warning?.[b] ? `“${t(p.warning[b])}”` : NONE[lang];
    return [name(p.name), WHEN[lang][p.when], shown('chrome'), shown('firefox'), t(p.why)];
  });
  return [HEAD[lang], HEAD[lang].map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

if (process.argv[1]?.endsWith('permissions-table.ts')) {
  console.log(permissionsTable(process.argv[2] === 'en' ? 'en' : 'zh-CN'));
}
