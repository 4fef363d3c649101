/**
 * Before a screenshot, the tab draws a frame (lib/background/frame.ts): a tab just brought to the front may still
 * show the frame it drew before it was hidden, and a picture stamped "now" must show the page as it is now.
 */
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FRAME_WAIT_MS, framePainted } from '@/lib/background/frame';

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** scripting.executeScript as the browser runs it: the function in this document, its promise as the result. */
function runInPage() {
  return vi
    .spyOn(browser.scripting, 'executeScript')
    .mockImplementation((async (inj: { func: () => Promise<unknown> }) => [
      { frameId: 0, result: await inj.func() },
    ]) as unknown as typeof browser.scripting.executeScript);
}

it('waits for two animation frames of the tab’s top frame', async () => {
  const run = runInPage();
  const frames: FrameRequestCallback[] = [];
  vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
  let done = false;
  const p = framePainted(7).then(() => (done = true));
  await vi.waitFor(() => expect(frames).toHaveLength(1));
  expect(run).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 7, frameIds: [0] } }));
  frames.shift()!(0); // before the next paint
  await vi.waitFor(() => expect(frames).toHaveLength(1));
  expect(done).toBe(false);
  frames.shift()!(16); // after it
  await p;
  expect(done).toBe(true);
});

it('gives up after FRAME_WAIT_MS on a tab that draws nothing (the capture goes on)', async () => {
  vi.useFakeTimers();
  vi.spyOn(browser.scripting, 'executeScript').mockReturnValue(new Promise(() => undefined) as never);
  let done = false;
  const p = framePainted(7).then(() => (done = true));
  await vi.advanceTimersByTimeAsync(FRAME_WAIT_MS - 1);
  expect(done).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  await p;
  expect(done).toBe(true);
});

it('does not wait on a page it may not script, nor where scripting is missing', async () => {
  vi.spyOn(browser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page'));
  await expect(framePainted(7)).resolves.toBeUndefined();
  vi.spyOn(browser, 'scripting', 'get').mockReturnValue(undefined as never);
  await expect(framePainted(7)).resolves.toBeUndefined();
});
