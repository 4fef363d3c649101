/**
 * lib/content/context.ts, the content scripts' own context: URL changes without a load reach the
 * handler (here the 1 s check, as in Firefox ESR without the Navigation API), and once the extension
 * is gone under the page (runtime.id undefined) nothing runs again and every listener is removed.
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from '@/lib/content/context';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('content-script context', () => {
  it('reports a pushState URL change once, within the 1 s check', () => {
    vi.useFakeTimers();
    const ctx = new ContentScriptContext('test');
    const seen: string[] = [];
    ctx.addEventListener(window, 'wxt:locationchange', () => seen.push(location.pathname));
    history.pushState({}, '', '/100012043979.html');
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(3000);
    expect(seen).toEqual(['/100012043979.html']);
  });

  it('stops timers, idle callbacks and listeners once the extension is gone', () => {
    vi.useFakeTimers();
    const ctx = new ContentScriptContext('test');
    const calls: string[] = [];
    ctx.setTimeout(() => calls.push('timeout'), 10);
    ctx.addEventListener(document, 'click', () => calls.push('click'));
    const cleaned: string[] = [];
    ctx.onInvalidated(() => cleaned.push('cleanup'));
    document.body.click();
    expect(calls).toEqual(['click']);

    vi.spyOn(browser.runtime, 'id', 'get').mockReturnValue(undefined as unknown as string);
    expect(ctx.isInvalid).toBe(true);
    expect(cleaned).toEqual(['cleanup']);
    vi.advanceTimersByTime(50);
    document.body.click();
    expect(calls).toEqual(['click']);
    // A listener added after the end runs its cleanup at once.
    ctx.onInvalidated(() => cleaned.push('late'));
    expect(cleaned).toEqual(['cleanup', 'late']);
  });
});
