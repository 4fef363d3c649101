/** 京东 pages (lib/sites/jd.ts), schema.org as the fallback; the body is lib/content-script.ts. */
import { CONTENT_MATCHES } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { jd } from '@/lib/sites/jd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: CONTENT_MATCHES.jd,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [jd, generic]),
});
