/**
 * `npm run verify -- <bundle.zip>`: checks an evidence bundle with the same code the extension uses
 * (lib/core/bundle.ts verifyBundle) and says what it proves. Exit codes (DESIGN.md public contracts):
 * 0 intact and every record the complaint cites is covered by a trusted time-stamp; 2 intact but only
 * self-asserted (no trusted time covers them); 1 broken, with what and where; 64 usage.
 */
import { readFile } from 'node:fs/promises';
import { verifyBundle } from '../lib/core/bundle';

export const EXIT = { stamped: 0, broken: 1, selfAsserted: 2, usage: 64 } as const;

async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1 || file === '-h' || file === '--help') {
    console.error('usage: npm run verify -- <bundle.zip>');
    return EXIT.usage;
  }
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(file));
  } catch (e) {
    console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.usage;
  }
  const result = await verifyBundle(data);
  if (!result.ok && result.files.length === 0 && result.problems.length === 1 && !result.format) {
    // Not a bundle at all (or not a zip): the one reason, nothing else.
    console.log(`✗ ${file}: ${result.problems[0]}`);
    console.log('FAILED: not verified');
    return EXIT.broken;
  }
  if (result.format) console.log(`format: ${result.format}`);
  console.log(`key fingerprint: ${result.keyFingerprint ?? '(none: no readable public key)'}`);
  for (const f of result.files) console.log(`${f.status === 'ok' ? '✓' : '✗'} ${f.path} ${f.status}`);
  console.log(`${result.signature === 'valid' ? '✓' : '✗'} signature ${result.signature}`);
  if (result.chain) {
    const head = result.chain.head ? ` head #${result.chain.head.seq} ${result.chain.head.recordHash}` : '';
    console.log(
      `chain: ${result.chain.records} records (${result.chain.full} in full, ${result.chain.reduced} as hashes), all recomputed;${head}`,
    );
  }
  for (const t of result.trustedTimes) {
    const what = t.coversSeq === null ? 'the whole bundle (manifest.json)' : `records up to #${t.coversSeq}`;
    console.log(
      `✓ trusted time: ${what} existed no later than ${new Date(t.genTime).toISOString()} per ${t.authority} (${t.tsa}; root ${t.root})`,
    );
  }
  for (const c of result.cited) {
    const tt = c.trustedTime;
    console.log(
      tt
        ? `  record #${c.seq} ${c.kind} ${c.sha256}: existed no later than ${new Date(tt.genTime).toISOString()} per ${tt.authority}`
        : `  record #${c.seq} ${c.kind} ${c.sha256}: no trusted time; its time is the shopper's clock only`,
    );
  }
  for (const p of result.problems) console.log(`  problem: ${p}`);
  for (const n of result.notes) console.log(`  note: ${n}`);
  if (!result.ok) {
    console.log('FAILED: bundle does not verify');
    return EXIT.broken;
  }
  if (result.covered) {
    console.log('OK: bundle verifies, and a trusted time-stamp covers every record the complaint cites');
    return EXIT.stamped;
  }
  console.log('OK (self-asserted): bundle verifies, but no trusted time-stamp covers every record the complaint cites');
  return EXIT.selfAsserted;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
