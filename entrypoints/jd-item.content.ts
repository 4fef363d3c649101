/** 京东 product pages (lib/sites/jd.ts, product reader only), schema.org as the fallback; the body is lib/content-script.ts. */
import { JD_ITEM } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { jdItem } from '@/lib/sites/jd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: JD_ITEM,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [jdItem, generic]),
});
