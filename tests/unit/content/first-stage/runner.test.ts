/**
 * lib/content/first-stage/runner.ts, the first stage's runner: it reports what its reader reads (once per state), hands
 * the frame to the full runner (content/upgrade) when the reader says 'full', when the background
 * names a picked price element, or when the reader throws, and stops once the full runner runs.
 */
import { browser } from 'wxt/browser';
import { runFirstLook, type FirstLookReader } from '@/lib/content/first-stage/runner';
import { FULL_RUNNING } from '@/lib/content/report';
import type { ProductSnapshot } from '@/lib/core/model';
import { product } from '../../rules/builders';

const snap = (amount: number): ProductSnapshot => product(amount, 1);

let sent: { type: string; snapshot?: ProductSnapshot }[] = [];
let reply: unknown = { ok: true };

beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  reply = { ok: true };
  delete (globalThis as Record<string, unknown>)[FULL_RUNNING];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(((m: { type: string; snapshot?: ProductSnapshot }) => {
    sent.push(m);
    return Promise.resolve(m.type === 'snapshot/report' ? reply : { ok: true });
  }) as never);
});

afterEach(async () => {
  // Every runner of this test sees the full runner and stops (they share the document).
  (globalThis as Record<string, unknown>)[FULL_RUNNING] = true;
  document.body.append(document.createElement('div'));
  await vi.advanceTimersByTimeAsync(3000);
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs the idle read and the promise replies. */
async function settle(ms = 600) {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('first stage', () => {
  it('reports the read once per state, and again after the page changed it', async () => {
    let price = 8990;
    runFirstLook(() => snap(price));
    await settle();
    expect(sent.map((m) => m.snapshot?.price.amount)).toEqual([8990]);
    document.body.append(document.createElement('div')); // a change that does not change the read
    await settle();
    expect(sent).toHaveLength(1);
    price = 7990;
    document.body.append(document.createElement('div'));
    await settle();
    expect(sent.map((m) => m.snapshot?.price.amount)).toEqual([8990, 7990]);
  });

  it('asks for the full runner when its reader cannot answer, and then reads nothing more', async () => {
    const read = vi.fn<FirstLookReader>(() => 'full');
    runFirstLook(read);
    await settle();
    expect(sent.map((m) => m.type)).toEqual(['content/upgrade']);
    document.body.append(document.createElement('div'));
    await settle(3000);
    expect(read).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(1);
  });

  it('asks for the full runner when the background names the shopper’s price element', async () => {
    reply = { ok: false, error: 'read again with the chosen price element', userSelector: '#my-price' };
    runFirstLook(() => snap(8990));
    await settle();
    expect(sent.map((m) => m.type)).toEqual(['snapshot/report', 'content/upgrade']);
  });

  it('asks for the full runner when its reader throws, and never throws into the page', async () => {
    runFirstLook(() => {
      throw new Error('hostile page');
    });
    await settle();
    expect(sent.map((m) => m.type)).toEqual(['content/upgrade']);
  });

  it('waits without sending while the price slot is empty', async () => {
    let r: ReturnType<FirstLookReader> = 'wait';
    runFirstLook(() => r);
    await settle();
    expect(sent).toEqual([]);
    r = snap(8990);
    document.body.append(document.createElement('div'));
    await settle();
    expect(sent.map((m) => m.type)).toEqual(['snapshot/report']);
  });

  it('stops once the full runner runs in the frame', async () => {
    const read = vi.fn<FirstLookReader>(() => snap(8990));
    (globalThis as Record<string, unknown>)[FULL_RUNNING] = true;
    runFirstLook(read);
    await settle();
    expect(read).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });
});
