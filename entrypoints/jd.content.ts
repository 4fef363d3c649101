/** 京东 pages other than product pages: orders and their parcels (lib/sites/jd.ts), schema.org as the fallback. */
import { JD, JD_ITEM } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { jdOrder } from '@/lib/sites/jd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: JD,
  excludeMatches: JD_ITEM,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [jdOrder, generic]),
});
