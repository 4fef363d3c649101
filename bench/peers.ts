/**
 * The peers the issue asks us to compare with. None can be installed or run here (no network but npm
 * and apt, and their code may not be copied into this repo), so the bench prints what is known of them
 * from their published source, with where each number comes from, beside our measured value. A peer
 * number is never presented as measured on this machine.
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
    measure: 'content script size',
    value:
      '71,330 characters of unminified source (ours: see the size row, gzip of the built bundle), plus jQuery and weui.js injected beside it on every JD page',
    source: 'github.com/sunoj/jjb static/content_script.js, read through the team search index',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'page safety',
    value:
      'writes page-derived text as HTML (utm_source into $("body").prepend), document.write via an injected <script>',
    source: 'same file: showUtmSource(), injectScriptCode()',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'evidence',
    value: 'none: no screenshots, no hashes; applies for 价保 by clicking on the JD page',
    source: 'same file: apply(), simulateClick()',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'work on a product page',
    value:
      "jQuery look-ups after a fixed 1.5 s timer on every item.jd.com load, and a price-chart script injected into the page's own world (it runs with the page, where the page can reach it)",
    source: 'same file: CheckDom(), seekPriceInfo(), showPriceChart() → injectScript()',
  },
  {
    peer: '京价保 (jjb)',
    measure: 'network and secrets',
    value:
      "posts login captcha images to its own server (jjb.zaoshu.so/captcha); keeps the shopper's JD username and password to log in automatically",
    source: 'same file: tryFillCaptcha(), saveAccount(), autoLogin()',
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
  return ['Peers (published source, not run here):', line(head), ...rows.map(line)].join('\n');
}
