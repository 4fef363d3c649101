/** 拼多多 pages other than goods pages: orders and parcels (lib/sites/pdd.ts), schema.org as the fallback. */
import { PDD, PDD_GOODS } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { pddOrder } from '@/lib/sites/pdd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: PDD,
  excludeMatches: PDD_GOODS,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [pddOrder, generic]),
});
