/** 淘宝 logistics pages (lib/sites/alibaba.ts logistics reader), schema.org as the fallback; the body is lib/content-script.ts. */
import { ALIBABA_TRACK } from '@/lib/hosts';
import { runContentScript } from '@/lib/content-script';
import { taobaoTrack } from '@/lib/sites/taobao';
import { generic } from '@/lib/sites/generic';

export default defineContentScript({
  matches: ALIBABA_TRACK,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [taobaoTrack, generic]),
});
