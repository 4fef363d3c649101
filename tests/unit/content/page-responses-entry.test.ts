// @vitest-environment node
/**
 * Each main-world script (lib/core/hosts.ts PAGE_RESPONSE_SCRIPTS) runs in the page's world at document_start on
 * exactly the hosts of the isolated script it hands over to, which passes response readers to the runner; and it
 * imports nothing but lib/content/page-responses and the host lists (no extension API in the page's world).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGE_RESPONSE_SCRIPTS } from '@/lib/core/hosts';

const ROOT = join(__dirname, '../../..');
const entry = (n: string) => readFileSync(join(ROOT, `entrypoints/${n}.content.ts`), 'utf8');

describe.each(Object.entries(PAGE_RESPONSE_SCRIPTS))('%s → %s', (main, isolated) => {
  const src = entry(main);
  const iso = entry(isolated);
  it('runs in the main world at document_start, on the isolated script’s hosts', () => {
    expect(src).toContain("world: 'MAIN',");
    expect(src).toContain("runAt: 'document_start',");
    const matches = /matches: (\w+),/.exec(src)?.[1];
    expect(matches).toBeDefined();
    expect(/matches: (\w+),/.exec(iso)?.[1]).toBe(matches);
  });
  it('the isolated script passes response readers to the runner', () => {
    // The shop readers' runner, or the one beside a platform's 价保 page (lib/content/claim-page.ts).
    expect(iso).toMatch(/runContentScript\(ctx, \[[^\]]*\], \[\w+|runClaimPage\(ctx, \[\w+/);
  });
  it('imports only the page-responses folder and the host lists', () => {
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const i of imports) expect(i).toMatch(/^@\/lib\/(content\/page-responses\/|core\/hosts$)/);
  });
});
