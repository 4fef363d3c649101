/** 抖音商城 pages (lib/sites/douyin.ts), schema.org as the fallback; the body is lib/content-script.ts. */
import { DOUYIN } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { douyin } from '@/lib/sites/douyin';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: DOUYIN,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [douyin, generic]),
});
