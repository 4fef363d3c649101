/** 拼多多 goods pages (lib/sites/pdd.ts product reader), schema.org as the fallback; the body is lib/content-script.ts. */
import { PDD_GOODS } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { pddGoods } from '@/lib/sites/pdd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: PDD_GOODS,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [pddGoods, generic]),
});
