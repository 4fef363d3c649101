/** axe-core in a real page, for the accessibility e2e tests. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, NodeResult } from 'axe-core';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING: ImpactValue[] = ['serious', 'critical'];

type AxeGlobal = { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } };

/**
 * Runs axe-core inside the page; returns the serious/critical violations, one line per failing node.
 * "Needs review" results of that impact count too, except contrast on glyph-only text (✓ ✗), which
 * axe cannot measure and which sits next to words saying the same.
 */
export async function audit(target: Page | PuppeteerPage): Promise<string[]> {
  // Both drivers evaluate a source string and a serialised function the same way; Playwright's types stand for both.
  const page = target as Page;
  // page.addScriptTag({ content }) is an inline <script>, which the extension pages' CSP (script-src
  // 'self') refuses; evaluating the same source over the DevTools protocol is not subject to the CSP.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    (globalThis as unknown as AxeGlobal).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }),
  );
  const glyphsOnly = (n: NodeResult) =>
    n.any.some((c) => (c.data as { messageKey?: string } | null)?.messageKey === 'nonBmp');
  return [
    ...result.violations.map((v) => ({ ...v, nodes: v.nodes, kind: 'violation' })),
    ...result.incomplete.map((v) => ({ ...v, nodes: v.nodes.filter((n) => !glyphsOnly(n)), kind: 'needs review' })),
  ]
    .filter((v) => v.impact && BLOCKING.includes(v.impact))
    .flatMap((v) =>
      v.nodes.map(
        (n) => `${v.kind} ${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help} — ${n.failureSummary ?? ''}`,
      ),
    );
}
