/**
 * 京东 product pages, first stage (lib/content/first-stage/runner.ts): the small reader of the usual JD item page
 * (lib/content/first-stage/jd.ts). Anything it cannot read exactly goes to jd-item-full, which the
 * background injects (the full JD product reader, schema.org as the fallback).
 */
import { JD_ITEM } from '@/lib/core/hosts';
import { runFirstLook } from '@/lib/content/first-stage/runner';
import { jdFirstLook } from '@/lib/content/first-stage/jd';

export default defineContentScript({
  matches: JD_ITEM,
  runAt: 'document_idle',
  // wxt's legacy window.postMessage on start captures a source location (re-parses our bundle)
  // and wakes every message listener of the page; the CustomEvent it also sends is what invalidates old copies.
  noScriptStartedPostMessage: true,
  main: () => runFirstLook(jdFirstLook),
});
