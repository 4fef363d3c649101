// @vitest-environment node
/**
 * `npm run verify -- <bundle.zip>` (scripts/verify.ts) runs the same verifyBundle from Node:
 * exit 0 for an intact bundle covered by trusted time, 2 intact but self-asserted, 1 tampered, 64 usage.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { buildBundle } from '../../../lib/core/bundle';
import type { Ticket } from '../../../lib/core/model';
import { sealedChain } from '../../e2e/harness/chain';
import { generateSigningKey, sha256Hex } from '../../../lib/core/signing';

const ROOT = join(__dirname, '..', '..', '..');
const NOW = Date.UTC(2025, 10, 9, 4, 0);
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopwitness-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync('npx', ['tsx', 'scripts/verify.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

async function bundle(): Promise<Uint8Array> {
  const data = new TextEncoder().encode('\xff\xd8 screenshot bytes 订单 312345678901');
  const key = await generateSigningKey();
  const chain = await sealedChain(key, [
    {
      id: 'ev-1',
      kind: 'order-screenshot',
      capturedAt: NOW - 1000,
      mime: 'image/jpeg',
      bytes: data.length,
      sha256: await sha256Hex(data),
    },
  ]);
  const record = chain[1]!;
  const ticket: Ticket = {
    version: 1,
    id: 't',
    type: 'no-pickup',
    channel: 'seller',
    status: 'draft',
    createdAt: NOW,
    evidenceIds: ['ev-1'],
    text: {},
  };
  return buildBundle({
    ticket,
    texts: { 'zh-CN': '付款后未揽收：订单 312345678901', en: 'Not picked up: order 312345678901' },
    evidence: [{ record, data }],
    chain,
    signingKey: key,
    now: NOW,
  });
}

describe('scripts/verify.ts', () => {
  it('exits 2 for an intact bundle no trusted time covers, naming the key; 1 after a one-byte change', async () => {
    const zip = await bundle();
    const good = join(dir, 'good.zip');
    writeFileSync(good, zip);
    const ok = run(good);
    expect(ok.status).toBe(2);
    expect(ok.stdout).toContain('✓ ticket.json ok');
    expect(ok.stdout).toContain('✓ signature valid');
    expect(ok.stdout).toMatch(/^key fingerprint: [0-9a-f]{64}$/m);
    expect(ok.stdout).toMatch(/chain: 2 records \(2 in full, 0 as hashes\), all recomputed; head #1 [0-9a-f]{64}/);
    expect(ok.stdout).toMatch(
      /record #1 order-screenshot [0-9a-f]{64}: no trusted time; its time is the shopper's clock only/,
    );
    expect(ok.stdout).toContain('OK (self-asserted)');
    expect(ok.stdout).toContain('cannot prove the page was not edited before capture');

    const bad = zip.slice();
    const at = Buffer.from(bad).indexOf('screenshot bytes');
    bad[at] = bad[at]! ^ 1;
    const badPath = join(dir, 'bad.zip');
    writeFileSync(badPath, bad);
    const failed = run(badPath);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/✗ evidence\/.+\.jpg changed/);
    expect(failed.stdout).toContain('SHA-256 differs from manifest');
  }, 60_000);

  it('exits 1 for a file that is not a bundle, 64 without arguments', () => {
    const junk = join(dir, 'junk.zip');
    writeFileSync(junk, 'not a zip at all, just text');
    const r = run(junk);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('not a zip archive');
    expect(run().status).toBe(64);
  }, 60_000);

  it('says in one line that a zip of something else is not a bundle, and why', () => {
    const other = join(dir, 'photos.zip');
    writeFileSync(
      other,
      zipSync({ 'IMG_0001.jpg': new Uint8Array([0xff, 0xd8]), 'notes.txt': strToU8('x'), 'a/b.txt': strToU8('y') }),
    );
    const r = run(other);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('not a ShopWitness evidence bundle: it has no manifest.json (it holds 3 files');
  }, 60_000);
});
