/**
 * 抖音商城 pages (lib/sites/douyin.ts), schema.org as the fallback; the body is lib/content/runner.ts. The product's
 * price comes from the page's own responses, handed over by douyin-main.content.ts (lib/sites/douyin-response.ts).
 */
import { DOUYIN } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { DOUYIN_KEPT } from '@/lib/content/page-responses/urls';
import { douyin } from '@/lib/sites/douyin';
import { generic } from '@/lib/sites/generic';
import { douyinResponses } from '@/lib/sites/douyin-response';

export default defineContentScript({
  matches: DOUYIN,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [douyin, generic], [douyinResponses], DOUYIN_KEPT),
});
