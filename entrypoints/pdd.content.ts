/** 拼多多 pages (lib/sites/pdd.ts), schema.org as the fallback; the body is lib/content-script.ts. */
import { CONTENT_MATCHES } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { pdd } from '@/lib/sites/pdd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: CONTENT_MATCHES.pdd,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [pdd, generic]),
});
