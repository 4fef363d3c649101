/**
 * `npm run verify -- <bundle.zip>`: checks an evidence bundle with the same code the extension uses
 * (lib/bundle.ts verifyBundle). Exit 0 when everything matches, 1 when anything does not, 2 on usage.
 */
import { readFile } from 'node:fs/promises';
import { verifyBundle } from '../lib/core/bundle';

async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1 || file === '-h' || file === '--help') {
    console.error('usage: npm run verify -- <bundle.zip>');
    return 2;
  }
  let data: Uint8Array;
  try {
    data = new Uint8Array(await readFile(file));
  } catch (e) {
    console.error(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const result = await verifyBundle(data);
  if (!result.ok && result.files.length === 0 && result.problems.length === 1) {
    // Not a bundle at all (or not a zip): the one reason, nothing else.
    console.log(`✗ ${file}: ${result.problems[0]}`);
    console.log('FAILED: not verified');
    return 1;
  }
  for (const f of result.files) console.log(`${f.status === 'ok' ? '✓' : '✗'} ${f.path} ${f.status}`);
  console.log(`${result.signature === 'valid' ? '✓' : '✗'} signature ${result.signature}`);
  for (const p of result.problems) console.log(`  problem: ${p}`);
  console.log(result.ok ? 'OK: bundle verifies' : 'FAILED: bundle does not verify');
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
