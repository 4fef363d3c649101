/** Renders public/icon/*.png from one SVG in Debian's Chromium (run once; the PNGs are committed). */
import { chromium } from 'playwright-core';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <path d="M64 6 L114 24 V62 C114 92 92 114 64 122 C36 114 14 92 14 62 V24 Z" fill="#b91c1c"/>
  <path d="M64 16 L104 30 V62 C104 86 87 104 64 111 C41 104 24 86 24 62 V30 Z" fill="#dc2626"/>
  <text x="64" y="82" font-size="56" text-anchor="middle" fill="#fff" font-family="WenQuanYi Micro Hei, sans-serif" font-weight="700">证</text>
</svg>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
}
await browser.close();
