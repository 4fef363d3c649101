/**
 * 京东 product pages, the full runner (lib/sites/jd.ts product reader, schema.org as the fallback; the
 * body is lib/content/runner.ts). Not in the manifest: the background injects it into a frame whose
 * first stage (jd-item.content.ts) asked for it, and before starting the element picker.
 */
import { JD_ITEM } from '@/lib/core/hosts';
import { runContentScript } from '@/lib/content/runner';
import { jdItem } from '@/lib/sites/jd';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: JD_ITEM,
  registration: 'runtime',
  noScriptStartedPostMessage: true,
  main: (ctx) => runContentScript(ctx, [jdItem, generic]),
});
