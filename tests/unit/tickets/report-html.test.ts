// @vitest-environment node
/**
 * report.html names the signing key and the chain head in full at the top, and says in plain zh-CN and en what
 * the bundle proves and what it does not (EVIDENCE-TRUST.md "What holds means" 4 and 5).
 */
import type { Evidence, Ticket } from '../../../lib/core/model';
import { exportPublicJwk, generateSigningKey, keyFingerprint, sha256Hex } from '../../../lib/core/signing';
import { renderReport, type ReportInput } from '../../../lib/tickets/report-html';

const NOW = Date.UTC(2025, 10, 9, 4, 0);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
const HOSTILE = '<img src=x onerror=alert(1)>';

const ticket: Ticket = {
  version: 1,
  id: 'ticket-1',
  type: 'price-protection',
  channel: 'seller',
  status: 'draft',
  platform: 'jd',
  orderId: '312345678901',
  createdAt: NOW,
  evidenceIds: ['ev-1'],
  text: {},
};

async function input(extra: Partial<ReportInput> = {}): Promise<ReportInput> {
  const record: Evidence = {
    id: 'ev-1',
    seq: 41,
    kind: 'price-screenshot',
    capturedAt: NOW - 3_600_000,
    url: 'https://item.jd.com/1.html',
    mime: 'image/jpeg',
    bytes: JPEG.length,
    sha256: await sha256Hex(JPEG),
    prevHash: 'a'.repeat(64),
    recordHash: 'b'.repeat(64),
  };
  return {
    ticket,
    texts: { 'zh-CN': '价保申请（差价返还）：订单 312345678901', en: 'Price protection refund: order 312345678901' },
    evidence: [{ record, path: 'evidence/ev-1.jpg', data: JPEG }],
    created: NOW,
    generator: 'ShopWitness test',
    ...extra,
  };
}

async function pin() {
  const keyFp = await keyFingerprint(await exportPublicJwk(await generateSigningKey()));
  return { keyFingerprint: keyFp, headSeq: 4127, headHash: await sha256Hex(new Uint8Array([4, 1, 2, 7])) };
}

/** The text of the page with tags dropped and entities of the apostrophe undone, for reading sentences. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'");

describe('report.html: what the evidence proves and what it does not', () => {
  it('has the section in plain zh-CN and en, before the evidence', async () => {
    const html = renderReport(await input({ chain: await pin() }));
    const text = textOf(html);
    expect(text).toContain('这份证据能证明什么，不能证明什么 · What this evidence proves and what it does not');
    for (const zh of [
      '每个文件的 SHA-256 都列在 manifest.json 中，manifest 由签名密钥签名',
      '组成一条哈希链：删除、调换或改动任何一条记录，校验时都会显现',
      '请将它与平台已收到的投诉内容末尾的指纹核对',
      '证明所覆盖的记录不晚于时间戳机构给出的时间已经存在',
      '没有可信时间戳时，所有时间都只是购物者自己电脑的时钟',
      '它不能证明页面在截图前没有被修改过',
      '本报告不承诺任何证据会被法院采纳',
    ])
      expect(text).toContain(zh);
    for (const en of [
      "Every file's SHA-256 is listed in manifest.json, and the manifest is signed",
      'a record removed, reordered or edited shows when the chain is checked',
      'Compare it with the fingerprint at the end of the complaint text the platform already holds',
      "existed no later than the authority's time",
      "without them, every time is only the shopper's own computer clock",
      'It cannot prove that the page was not edited before the capture',
      'Nothing in this report promises that any of it will be admitted in court',
    ])
      expect(text).toContain(en);
    expect(html.indexOf('What this evidence proves')).toBeLessThan(html.indexOf('<figure>'));
  });

  it('names the signing key and the chain head in full at the top', async () => {
    const chain = await pin();
    const html = renderReport(await input({ chain }));
    const top = html.slice(0, html.indexOf('投诉内容（中文）'));
    expect(top).toContain(`<code>${chain.keyFingerprint}</code>`);
    expect(top).toContain(`#4127 <code>${chain.headHash}</code>`);
    expect(top).toContain('Signing key fingerprint (SHA-256)');
    expect(textOf(html)).toContain('（见报告开头）');
    // Every hash in the page is whole: no 16-hex prefix stands in for one.
    for (const run of html.replace(/base64,[^"]+"/g, '').match(/[0-9a-f]{16,}/g) ?? []) expect(run).toHaveLength(64);
  });

  it('without a pin shows none (no stand-in value) and does not point to one', async () => {
    const html = renderReport(await input());
    expect(html).not.toContain('Signing key fingerprint (SHA-256)');
    expect(html).not.toContain('见报告开头');
    expect(html).not.toContain('at the top of this report');
  });

  it('a malformed pin (a 16-hex prefix) is not shown', async () => {
    const chain = { ...(await pin()), keyFingerprint: 'ab'.repeat(8) };
    const html = renderReport(await input({ chain }));
    expect(html).not.toContain('ab'.repeat(8));
    expect(html).not.toContain('Signing key fingerprint (SHA-256)');
  });

  it('says when the bundle holds no trusted time-stamp', async () => {
    for (const timestamps of [undefined, []]) {
      const text = textOf(renderReport(await input(timestamps ? { timestamps } : {})));
      expect(text).toContain('本证据包没有可信时间戳：其中所有时间都来自购物者自己电脑的时钟。');
      expect(text).toContain("This bundle holds no trusted time-stamp: every time in it comes from the shopper's own");
    }
  });

  it('lists the time-stamps it is given, escaped, with the openssl check when the token and digest are known', async () => {
    const digest = (await pin()).headHash;
    const html = renderReport(
      await input({
        timestamps: [
          { authority: `FreeTSA ${HOSTILE}`, genTime: NOW, coversSeq: 4127, digest, token: 'timestamps/4127.tsr' },
          { authority: 'DigiCert', genTime: NOW + 60_000, coversSeq: 4130 },
        ],
      }),
    );
    expect(html).not.toContain('本证据包没有可信时间戳');
    expect(html).toContain('FreeTSA &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('2025-11-09 12:00 (Asia/Shanghai) · 2025-11-09T04:00:00.000Z');
    expect(html).toContain('#4127');
    expect(html).toContain('#4130');
    expect(html).toContain(
      // A stored token is a TimeStampToken, so openssl needs -token_in; the root is the authority's certificate.
      `openssl ts -verify -digest ${digest} -token_in -in timestamps/4127.tsr -CAfile tsa-root.pem`,
    );
    expect(html.match(/openssl ts -verify/g)).toHaveLength(1);
    expect(html).toContain('was not checked');
    expect(html).not.toMatch(/<script/i);
  });
});
