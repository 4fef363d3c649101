/**
 * The price-element picker's script (entrypoints/picker.content.ts, `registration: 'runtime'`): "that's not the
 * price" is a shopper's gesture, so the picker is not in every shop page's content script. The background injects
 * this into the tab's top frame on `picker/start`, after making sure the full runner runs there
 * (lib/background/handlers/picker.ts). It finds the runner through `RUNNER_HOOK` (set in the content-script world,
 * never the page's), picks with the runner's context, and hands the picked selector back to the runner.
 */
import { browser } from 'wxt/browser';
import { clean } from '../sites/dom';
import { selectorFor } from '../sites/user-selector';
import { parsePrice } from '../parse/price';
import { startPicker } from './picker';
import { runnerHook } from './report';

/** Starts the picker on the runner of this frame; false when there is none (nothing started). */
export function runPicker(): boolean {
  const hook = runnerHook();
  if (!hook || hook.ctx.isInvalid) return false;
  const onPick = (el: Element): boolean => {
    const sample = clean(el.textContent).slice(0, 200);
    const price = sample ? parsePrice(sample) : null;
    const selector = price && price.amount > 0 ? selectorFor(el) : null;
    if (!selector) return false;
    const host = location.hostname;
    hook.picked(
      selector,
      browser.runtime.sendMessage({ type: 'picker/picked', host, selector, sample }).catch(() => undefined),
    );
    return true;
  };
  try {
    startPicker(document, hook.ctx, {
      hint: browser.i18n.getMessage('pickerHint') || '点击正确的价格（Esc 取消）',
      notPrice: browser.i18n.getMessage('pickerNotPrice') || '这不是价格，请再选',
      onPick,
    });
    return true;
  } catch {
    return false;
  }
}
