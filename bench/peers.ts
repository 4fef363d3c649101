/**
 * What is known of the peers from their published source, printed after the measured table with where
 * each fact comes from. 京价保's item-page content scripts are also run and timed beside ours when its
 * source is present (bench/peer-jjb.ts, the 京价保 row of the table); the facts here are what a timing
 * does not show. Keepa and 购物党 are closed source and cannot be run here. A peer number is never
 * presented as measured on this machine unless it is in the measured table.
 */
export interface PeerFact {
  peer: string;
  measure: string;
  value: string;
  source: string;
}

export const PEERS: PeerFact[] = [
  {
    peer: '京价保 (jjb)',
    measure: 'content scripts',
    value:
      'jQuery 3.5 and a webpack bundle (content_script.js: weui.js, dialog-polyfill and the whole weui.css added as a <style>) on every JD page, plus priceChart.js (weui.css again and the G2 chart library) on item pages; their sizes are in the 京价保 row above when the bench built them',
    source: 'sunoj/jjb on GitHub: public/manifest.json, webpack.config.js, src/content_script.js, src/priceChart.js',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'page safety',
    value:
      'writes page-derived text as HTML (utm_source into $("body").prepend); runs code in the page\'s own world through injected <script> elements on some JD pages',
    source: 'src/content_script.js: showUtmSource(), injectScriptCode()',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'evidence',
    value: 'none: no screenshots, no hashes; applies for 价保 by clicking on the JD page',
    source: 'src/content_script.js: apply(), simulateClick()',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'work on a product page',
    value:
      'jQuery look-ups on fixed timers (1.2 s after the page is ready, then 1.5 s more) on every item.jd.com load, and a price chart whose data its background fetches from its own server',
    source: 'src/content_script.js: CheckDom(), seekPriceInfo(); src/priceChart.js: getPriceChart()',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'network and secrets',
    value:
      "posts login captcha images to its own server (jjb.zaoshu.so/captcha); keeps the shopper's JD username and password to log in automatically",
    source: 'src/content_script.js: tryFillCaptcha(), saveAccount(), autoLogin()',
  },
  { peer: 'Keepa', measure: 'any', value: 'closed source; not measurable here', source: '—' },
  { peer: '购物党', measure: 'any', value: 'closed source; not measurable here', source: '—' },
];

export function peerTable(): string {
  const rows = PEERS.map((p) => [p.peer, p.measure, p.value, p.source]);
  const head = ['peer', 'measure', 'what is known', 'from'];
  const widths = [0, 1].map((i) => Math.max(...[head, ...rows].map((r) => [...(r[i] as string)].length)));
  const line = (r: string[]) =>
    `${(r[0] as string).padEnd(widths[0] as number)} | ${(r[1] as string).padEnd(widths[1] as number)} | ${r[2]} (${r[3]})`;
  return [
    'Peers, from their published source (京价保 is also timed above when its source is present):',
    line(head),
    ...rows.map(line),
  ].join('\n');
}
