/**
 * 拼多多 pages other than goods pages: orders and parcels (lib/sites/pdd.ts), the order list's later pages from its own
 * answers (lib/sites/pdd-response.ts), schema.org as the fallback (loaded when a page has it, lib/content/structured.ts).
 */
import { PDD, PDD_GOODS } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { PDD_KEPT } from '@/lib/content/page-responses/urls';
import { pddOrder } from '@/lib/sites/pdd';
import { pddResponses } from '@/lib/sites/pdd-response';
import { structuredProbe } from '@/lib/content/structured';

export default defineContentScript({
  matches: PDD,
  excludeMatches: PDD_GOODS,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  // The order list's later pages come as the page's own answers, handed over by pdd-main.content.ts.
  main: (ctx) => runContentScript(ctx, [pddOrder, structuredProbe], [pddResponses], PDD_KEPT),
});
