/**
 * `npm run store-listing`: the store listings for the Chrome Web Store and addons.mozilla.org, in zh-CN and
 * en, from the release build (its manifest's name and description, the permission list with reasons) and
 * the README's screenshots (docs/*.png, `npm run screenshots`), into docs/store/<lang>/:
 *   listing.md        name, summary, description, single purpose, every permission's justification, privacy
 *   screenshot-N.png  1280×800 images (both stores accept that size), a screenshot on a captioned canvas
 *   promo-440x280.png the Chrome Web Store's small promo tile
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { translator, type Lang } from '../lib/core/i18n';
import { PERMISSIONS } from '../lib/core/permissions';
import { CHROMIUM, ROOT } from '../tests/e2e/harness/paths';

const BUILD = join(ROOT, '.output/chrome-mv3');
const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const DIR: Record<Lang, string> = { 'zh-CN': 'zh_CN', en: 'en' };

const SHOTS: { file: string; caption: Record<Lang, string> }[] = [
  {
    file: 'docs/popup.png',
    caption: {
      'zh-CN': '降价、未揽收、物流停滞：到点就提醒',
      en: 'Price drops, no pickup, stalled parcels: alerts on time',
    },
  },
  {
    file: 'docs/popup-gallery.png',
    caption: {
      'zh-CN': '每个订单的证据：带时间和哈希的截图',
      en: 'Each order’s evidence: screenshots with time and hash',
    },
  },
  {
    file: 'docs/ticket.png',
    caption: { 'zh-CN': '一键生成证据齐全的投诉单', en: 'A complaint with complete evidence, in one click' },
  },
  {
    file: 'docs/options.png',
    caption: { 'zh-CN': '所有规则可调，数据只在本机', en: 'Every rule adjustable; data stays on your computer' },
  },
];

function manifestText(lang: Lang, key: string): string {
  const messages = JSON.parse(readFileSync(join(BUILD, '_locales', DIR[lang], 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
  const m = messages[key]?.message;
  if (!m) throw new Error(`${key} missing from the release build's ${DIR[lang]} messages`);
  return m;
}

function listing(lang: Lang): string {
  const t = translator(lang);
  const zh = lang === 'zh-CN';
  const name = manifestText(lang, 'extName');
  const summary = manifestText(lang, 'extDescription');
  const perms = PERMISSIONS.map(
    (p) =>
      `- **${p.name === 'shop hosts' ? (zh ? '商城网址' : 'shop hosts') : p.name}**${p.when === 'optional' ? (zh ? '（可选）' : ' (optional)') : ''}: ${t(p.why)}`,
  );
  return [
    `# ${name}`,
    '',
    `## ${zh ? '简介（132 字以内）' : 'Summary (up to 132 characters)'}`,
    summary.slice(0, 132),
    '',
    `## ${zh ? '详细说明' : 'Description'}`,
    zh
      ? '在京东、淘宝、天猫、抖音商城、拼多多购物时：记录你看到的价格和订单，自动保存带时间、带哈希的截图证据，在后台盯着价保期和包裹，降价、48 小时未揽收、物流停滞时提醒你，并一键写好证据齐全的投诉单（问题、证据、诉求），导出可核验的证据包。所有数据只保存在你的浏览器里。'
      : 'While you shop on JD, Taobao, Tmall, Douyin shop and Pinduoduo: records the prices and orders you see, keeps timestamped, hashed screenshot evidence, watches price-protection (价保) windows and parcels, alerts you when a price drops, a parcel is not picked up in 48 hours or stops moving, and writes a complaint with complete evidence (problem, evidence, demand) in one click, with a verifiable evidence bundle. Everything stays in your browser.',
    '',
    `## ${zh ? '单一用途' : 'Single purpose'}`,
    zh
      ? '为网购消费者保存价格、订单和物流证据，并在其权益受损时提醒和生成投诉。'
      : 'Keeps price, order and parcel evidence for online shoppers, and alerts and writes complaints when they are owed something.',
    '',
    `## ${zh ? '权限说明' : 'Permission justifications'}`,
    ...perms,
    '',
    `## ${zh ? '隐私' : 'Privacy'}`,
    zh
      ? '不收集、不上传任何用户数据；没有服务器，没有统计分析。设置可通过浏览器自带的同步功能同步。你开启可信时间戳后，只有证据链最新记录的 32 字节哈希值会发给你选定的时间戳机构。'
      : 'Collects and transmits no user data; no server, no analytics. Settings may sync through the browser’s own sync. With trusted time-stamps turned on, only the 32-byte hash of the evidence chain’s newest record goes to the time-stamping authorities you chose.',
    '',
    `## ${zh ? '图片' : 'Images'}`,
    ...SHOTS.map((s, i) => `- screenshot-${i + 1}.png: ${s.caption[lang]}`),
    '- promo-440x280.png',
    '',
  ].join('\n');
}

function canvas(lang: Lang, img: string, caption: string, w: number, h: number): string {
  const data = readFileSync(join(ROOT, img)).toString('base64');
  return `<!doctype html><html lang="${lang}"><meta charset="utf-8"><body style="margin:0;width:${w}px;height:${h}px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:${h / 30}px;background:linear-gradient(135deg,#fff5f5,#fde8e8);font-family:'WenQuanYi Micro Hei',sans-serif"><div style="font-size:${h / 20}px;font-weight:700;color:#b91c1c">${caption}</div><img src="data:image/png;base64,${data}" style="max-width:${w * 0.86}px;max-height:${h * 0.78}px;box-shadow:0 6px 24px rgba(0,0,0,.18);border-radius:8px"></body></html>`;
}

if (!existsSync(join(BUILD, 'manifest.json'))) {
  console.error('No release build: run npm run build first.');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
try {
  for (const lang of LANGS) {
    const out = join(ROOT, 'docs/store', lang);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'listing.md'), listing(lang));
    const page = await browser.newPage();
    for (const [i, s] of SHOTS.entries()) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.setContent(canvas(lang, s.file, s.caption[lang], 1280, 800));
      await page.screenshot({ path: join(out, `screenshot-${i + 1}.png`) });
    }
    await page.setViewportSize({ width: 440, height: 280 });
    await page.setContent(canvas(lang, 'docs/popup.png', manifestText(lang, 'extName'), 440, 280));
    await page.screenshot({ path: join(out, 'promo-440x280.png') });
    await page.close();
    console.log(`wrote docs/store/${lang}/ (listing.md, ${SHOTS.length} screenshots, promo tile)`);
  }
} finally {
  await browser.close();
}
