/** 淘宝 and 天猫 pages other than product and logistics pages: orders (lib/sites/alibaba.ts), schema.org as the fallback. */
import { ALIBABA, ALIBABA_NOT } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { taobaoOrder } from '@/lib/sites/taobao';
import { tmallOrder } from '@/lib/sites/tmall';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: ALIBABA,
  excludeMatches: ALIBABA_NOT,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [taobaoOrder, tmallOrder, generic]),
});
