/**
 * Screenshot format: JPEG or WebP, and at what quality, so the choice in lib/background/capture.ts
 * rests on a measurement. In real Chromium with the test build: each page below is shown at 1280×800 and
 * captured as PNG by the extension's worker (captureVisibleTab), then encoded there with the same
 * OffscreenCanvas path the capture uses. Per format: bytes, encode time, and fidelity against the PNG
 * as PSNR over all pixels and over the darkest 5% of pixels' neighbourhood (text strokes, where a
 * blurred "¥89.90" would hurt). Medians over the pages. The decision is in lib/background/capture.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Worker } from 'playwright-core';
import { launchChromium, serve } from '../tests/e2e/harness/chromium';
import { fixture } from '../tests/e2e/harness/paths';
import { HEAVY_URL, heavyJdPage } from './heavy-page';
import type { Row } from './types';
import { budgeted, ensureTestBuild, info, median, ROOT, round } from './util';

/** A product photo stand-in (pages load no remote images here): smooth gradients with sensor-like noise. */
const PHOTO_SCRIPT = `<script>
(() => {
  const c = document.createElement('canvas'); c.width = 560; c.height = 560;
  const g = c.getContext('2d'); const img = g.createImageData(560, 560); let s = 7;
  for (let y = 0; y < 560; y++) for (let x = 0; x < 560; x++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff; const n = (s % 17) - 8; const i = (y * 560 + x) * 4;
    const d = Math.hypot(x - 280, y - 250) / 280;
    img.data[i] = 200 - d * 90 + n; img.data[i + 1] = 205 - d * 70 + n; img.data[i + 2] = 215 - d * 40 + n; img.data[i + 3] = 255;
  }
  g.putImageData(img, 0, 0);
  const el = new Image(); el.src = c.toDataURL(); el.style.cssText = 'position:absolute;left:24px;top:140px;width:560px;height:560px';
  document.body.append(el);
})();
</script>`;

const PAGES: { name: string; url: string; html: string }[] = [
  { name: 'JD item, text-heavy', url: HEAVY_URL, html: heavyJdPage(3000) },
  {
    name: 'JD item with product photo',
    url: 'https://item.jd.com/100012043978.html',
    html: fixture('e2e/jd-item.html').replace('</body>', `${PHOTO_SCRIPT}</body>`),
  },
  {
    name: 'JD order',
    url: 'https://details.jd.com/normal/item.action?orderid=301234567890',
    html: fixture('e2e/jd-order.html'),
  },
  {
    name: 'Tmall item (2015 desktop page)',
    url: 'https://detail.tmall.com/item.htm?id=1',
    html: readShared('tmall/item-desktop-2015.html'),
  },
];

function readShared(path: string): string {
  const file = resolve(ROOT, '../shared/fixtures', path);
  return existsSync(file) ? readFileSync(file, 'utf8') : '<html><body><h1>天猫</h1></body></html>';
}

const FORMATS = [
  { label: 'JPEG q0.82 (chosen)', type: 'image/jpeg', quality: 0.82 },
  { label: 'JPEG q0.92', type: 'image/jpeg', quality: 0.92 },
  { label: 'WebP q0.82', type: 'image/webp', quality: 0.82 },
  { label: 'WebP q0.92', type: 'image/webp', quality: 0.92 },
  { label: 'PNG (lossless)', type: 'image/png', quality: 1 },
] as const;

interface Encoded {
  bytes: number;
  ms: number;
  psnr: number;
  textPsnr: number;
}

/**
 * Runs inside the service worker: capture the visible tab, encode each format, compare with the PNG.
 * Plain JS in a string: tsx would wrap named inner functions in a helper the worker does not have.
 */
const ENCODE_ALL = `async (fmts) => {
  const url = await chrome.tabs.captureVisibleTab(null, { format: 'png' });
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const w = bitmap.width, h = bitmap.height;
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0);
  const ref = ctx.getImageData(0, 0, w, h).data;
  // Text mask: pixels much darker than the page (strokes), and their 1-px neighbours.
  const mask = new Uint8Array(w * h);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1; x < w - 1; x++) {
      const i = (y * w + x) * 4;
      if (0.299 * ref[i] + 0.587 * ref[i + 1] + 0.114 * ref[i + 2] < 110)
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) mask[(y + dy) * w + x + dx] = 1;
    }
  const out = [];
  for (const f of fmts) {
    const t0 = performance.now();
    const blob = await canvas.convertToBlob({ type: f.type, quality: f.quality });
    const ms = performance.now() - t0;
    const back = await createImageBitmap(blob);
    const c2 = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
    c2.drawImage(back, 0, 0);
    const d = c2.getImageData(0, 0, w, h).data;
    let all = 0, text = 0, textN = 0;
    for (let p = 0; p < w * h; p++) {
      const i = p * 4;
      const e = (d[i] - ref[i]) ** 2 + (d[i + 1] - ref[i + 1]) ** 2 + (d[i + 2] - ref[i + 2]) ** 2;
      all += e;
      if (mask[p]) { text += e; textN++; }
    }
    const psnrAll = all === 0 ? 99 : 10 * Math.log10((255 * 255) / (all / (w * h * 3)));
    const psnrText = text === 0 ? 99 : 10 * Math.log10((255 * 255) / (text / (Math.max(1, textN) * 3)));
    out.push({ bytes: blob.size, ms, psnr: psnrAll, textPsnr: psnrText });
  }
  return out;
}`;

async function encodeAll(worker: Worker, formats: typeof FORMATS): Promise<Encoded[]> {
  return worker.evaluate(`(${ENCODE_ALL})(${JSON.stringify(formats)})`) as Promise<Encoded[]>;
}

export async function measureImageFormat(): Promise<Row[]> {
  const ext = await launchChromium(ensureTestBuild());
  try {
    await ext.send({ type: 'state/summary' }); // bridge tab first, so the measured page stays in front
    const perPage: Encoded[][] = [];
    for (const p of PAGES) {
      await serve(ext.context, p.url, p.html);
      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(p.url);
      await page.waitForTimeout(600);
      await page.bringToFront();
      perPage.push(await encodeAll(ext.worker, FORMATS));
      await page.close();
    }
    const rows: Row[] = [];
    FORMATS.forEach((f, i) => {
      const col = (k: keyof Encoded) => median(perPage.map((r) => r[i]![k]));
      const kb = round(col('bytes') / 1024, 0);
      const extra = {
        note: `PSNR ${round(col('psnr'), 1)} dB, text ${round(col('textPsnr'), 1)} dB, encode ${round(col('ms'), 0)} ms (median of ${PAGES.length} pages)`,
        detail: { pages: PAGES.map((p, j) => ({ page: p.name, ...perPage[j]![i] })) },
      };
      rows.push(
        i === 0
          ? budgeted(`screenshot 1280×800, ${f.label}`, kb, 'KB', 500, extra)
          : info(`screenshot 1280×800, ${f.label}`, kb, 'KB', extra),
      );
    });
    return rows;
  } finally {
    await ext.close();
  }
}
