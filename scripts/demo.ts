/**
 * `npm run demo`: the test build in Debian's Chromium with a local demo shop — every fixture page served
 * on its real shop URL — walking through a price drop and a parcel with no pickup scan: the amounts and
 * times, the alerts, the complaint text, and an evidence bundle written to .output/demo/ and checked with
 * `npm run verify`. With a display the browser then stays open (close it or press Ctrl-C); with none, or
 * under `xvfb-run` (nobody can see that display), it runs headless and exits. Ctrl-C at any point closes
 * the browser and removes its temporary profile.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, serve } from '../tests/e2e/harness/chromium';
import { fixture, ROOT, waitFor } from '../tests/e2e/harness/paths';

const H = 3_600_000;
const PAID = Date.UTC(2026, 10, 1, 2, 2, 13);
/** xvfb-run gives a display nobody looks at: behave as headless there. */
const underXvfb = /xvfb-run/.test(process.env.XAUTHORITY ?? '');
const headless = !process.env.DISPLAY || underXvfb || process.env.DEMO_HEADLESS === '1';
const OUT = join(ROOT, '.output/demo');
const BUNDLE = join(OUT, 'shopwitness-demo-bundle.zip');

const yuan = (m: { amount: number } | undefined) => (m ? `¥${(m.amount / 100).toFixed(2)}` : '—');
const shanghai = (t: number) =>
  new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) + ' (上海 Asia/Shanghai)';

interface Page {
  url: string;
  file: string;
  label: string;
}
function demoPages(): Page[] {
  const dir = join(ROOT, 'tests/fixtures/sites');
  const pages: Page[] = [];
  for (const platform of readdirSync(dir)) {
    for (const f of readdirSync(join(dir, platform)).filter((n) => n.endsWith('.expected.json'))) {
      const { url } = JSON.parse(readFileSync(join(dir, platform, f), 'utf8')) as { url: string };
      pages.push({
        url,
        file: `sites/${platform}/${f.replace('.expected.json', '.html')}`,
        label: `${platform} · ${f.replace('.expected.json', '')}`,
      });
    }
  }
  return pages;
}

// Ctrl-C is handled from before the browser starts, so no moment leaves a profile behind.
const launching = launchChromium(undefined, { headless, ownSignals: true });
let closing: Promise<never> | null = null;
/** Closes the browser and removes its profile once, whoever asks first (the walk-through or Ctrl-C). */
function shutDown(code: number): Promise<never> {
  closing ??= launching
    .then((e) => e.close())
    .catch(() => undefined)
    .then(() => process.exit(code));
  return closing;
}
process.on('SIGINT', () => void shutDown(130));
process.on('SIGTERM', () => void shutDown(143));

const ext = await launching;
const pages = demoPages();
for (const p of pages) {
  const u = new URL(p.url);
  await ext.context.route(
    (url) => url.href.split('#')[0] === u.href,
    (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: fixture(p.file) }),
  );
}
const links = pages.map((p) => `<li><a href="${p.url}">${p.label}</a> <small>${p.url}</small></li>`).join('');
await serve(
  ext.context,
  'https://demo.shopwitness.test/**',
  `<!doctype html><meta charset="utf-8"><title>ShopWitness demo shop</title><body style="font-family:sans-serif;max-width:900px;margin:24px auto"><h1>ShopWitness 演示商店 demo shop</h1><p>Every page below is a local fixture served on the real shop URL. Open one and watch the extension's popup.</p><ul>${links}</ul></body>`,
);
await serve(
  ext.context,
  'https://details.jd.com/normal/item.action?orderid=301234567890*',
  fixture('e2e/jd-order.html'),
);
await serve(ext.context, 'https://item.jd.com/100012043978.html', fixture('e2e/jd-item.html'));

interface Exported {
  snapshots: {
    kind: string;
    orderId?: string;
    productId?: string;
    paid?: { amount: number };
    price?: { amount: number };
    paidAt?: number;
    capturedAt: number;
    title?: string;
  }[];
  evidence: { kind: string; sha256: string; capturedAt: number }[];
}
const exported = () => ext.send<Exported>({ type: 'backup/export' });

async function walkThrough(): Promise<void> {
  console.log('ShopWitness 购物维权助手 · demo\n');
  await ext.send({ type: 'test/clock', now: PAID + 30 * H });
  const shop = await ext.context.newPage();
  await shop.goto('https://details.jd.com/normal/item.action?orderid=301234567890');
  await waitFor(async () => (await ext.count('evidence')) >= 1, 'the order screenshot');
  let data = await exported();
  const order = data.snapshots.find((s) => s.kind === 'order');
  const shot1 = data.evidence.find((e) => e.kind === 'order-screenshot');
  console.log(
    `1. 京东订单 JD order ${order?.orderId}: 实付 paid ${yuan(order?.paid)}, 付款 paid at ${order?.paidAt ? shanghai(order.paidAt) : '—'}`,
  );
  console.log(`   order page read and screenshotted automatically, SHA-256 ${shot1?.sha256 ?? '—'}`);

  await shop.goto('https://item.jd.com/100012043978.html');
  await waitFor(async () => (await ext.count('evidence')) >= 2, 'the price screenshot');
  data = await exported();
  const product = data.snapshots.filter((s) => s.kind === 'product').at(-1);
  console.log(
    `2. 30 h later the same product page shows ${yuan(product?.price)} (${shanghai(product?.capturedAt ?? 0)}): screenshot kept`,
  );

  await ext.send({ type: 'test/clock', now: PAID + 72 * H });
  const { alerts } = await ext.send<{
    alerts: { id: string; kind: string; message: string; amount?: { amount: number } }[];
  }>({ type: 'alerts/evaluate' });
  console.log(`3. 72 h after payment, still no pickup scan. Open alerts (${alerts.length}):`);
  for (const a of alerts) console.log(`   · ${a.kind}${a.amount ? ` ${yuan(a.amount)}` : ''}: ${a.message}`);

  const drop = alerts.find((a) => a.kind === 'price-drop') ?? alerts[0];
  if (!drop) throw new Error('the demo expected alerts and got none');
  const ticket = await ext.openPage(`ticket.html?alert=${encodeURIComponent(drop.id)}`);
  const text = await ticket.locator('textarea.ticket__text').first().inputValue();
  console.log('4. The complaint, ready to paste into the customer-service chat:\n');
  console.log(text.replace(/^/gm, '   | '));
  mkdirSync(OUT, { recursive: true });
  const download = ticket.waitForEvent('download');
  await ticket.getByRole('button', { name: '导出证据包' }).click();
  const anyway = ticket.getByRole('button', { name: '仍然导出' });
  if (await anyway.isVisible().catch(() => false)) await anyway.click();
  await (await download).saveAs(BUNDLE);
  console.log(`\n5. Evidence bundle written to ${BUNDLE}`);
  const verify = spawnSync('npx', ['tsx', 'scripts/verify.ts', BUNDLE], { cwd: ROOT, encoding: 'utf8' });
  const meaning =
    verify.status === 0
      ? 'intact, covered by trusted time'
      : verify.status === 2
        ? 'intact, self-asserted: trusted time is off in this demo'
        : 'broken';
  console.log(`   npm run verify -- ${BUNDLE}   (exit ${verify.status}: ${meaning})`);
  console.log(verify.stdout.trimEnd().replace(/^/gm, '   '));

  const index = await ext.context.newPage();
  await index.goto('https://demo.shopwitness.test/');
  if (headless) {
    console.log(
      `\n${underXvfb ? 'Under xvfb-run nobody can see the browser' : 'No display'}: closed. On a desktop, npm run demo leaves the browser open to try the popup.`,
    );
    await shutDown(verify.status === 0 || verify.status === 2 ? 0 : 1);
  } else {
    await ext.openPage('popup.html');
    console.log(
      '\nThe browser stays open: the demo shop tab, the popup, the complaint page. Close the window or press Ctrl-C to quit (the temporary profile is removed).',
    );
    await new Promise<void>((resolve) => ext.context.on('close', () => resolve()));
    await shutDown(0);
  }
}

await walkThrough().catch(async (e: unknown) => {
  if (closing) return closing; // Ctrl-C while a step was running: that step's error is expected
  console.error(e);
  return shutDown(1);
});
