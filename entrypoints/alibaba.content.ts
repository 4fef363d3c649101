/** 淘宝 and 天猫 pages (lib/sites/taobao.ts, tmall.ts), schema.org as the fallback; the body is lib/content-script.ts. */
import { CONTENT_MATCHES } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { taobao } from '@/lib/sites/taobao';
import { tmall } from '@/lib/sites/tmall';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: CONTENT_MATCHES.alibaba,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [taobao, tmall, generic]),
});
