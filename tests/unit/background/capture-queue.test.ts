import { CaptureQueue, PermanentCaptureError } from '@/lib/background/capture-queue';

/** A fake clock where sleeping advances time, so the test checks spacing without waiting. */
function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('capture queue', () => {
  it('never starts more than two captures in any rolling second', async () => {
    const time = fakeTime();
    const q = new CaptureQueue(time);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 10 }, () => q.enqueue(async () => void starts.push(time.now()))));
    expect(starts).toHaveLength(10);
    for (let i = 2; i < starts.length; i++) expect(starts[i]! - starts[i - 2]!).toBeGreaterThanOrEqual(1000);
  });

  it('retries a refused capture, spacing the retries too, and never loses it', async () => {
    const time = fakeTime();
    const q = new CaptureQueue(time);
    const attempts: number[] = [];
    const result = await q.enqueue(async (attempt) => {
      attempts.push(time.now());
      if (attempt < 3) throw new Error('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(550);
  });

  it('rejects after the last attempt so the caller records the failure', async () => {
    const q = new CaptureQueue({ ...fakeTime(), attempts: 3 });
    let calls = 0;
    await expect(
      q.enqueue(async () => {
        calls++;
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(calls).toBe(3);
  });

  it('does not retry a permanent failure, and keeps serving the next job', async () => {
    const q = new CaptureQueue(fakeTime());
    let calls = 0;
    await expect(
      q.enqueue(async () => {
        calls++;
        throw new PermanentCaptureError('tab closed');
      }),
    ).rejects.toThrow('tab closed');
    expect(calls).toBe(1);
    await expect(q.enqueue(async () => 42)).resolves.toBe(42);
    expect(q.pending).toBe(0);
  });

  it('lets the next capture run while a refused one backs off (a hidden tab never holds up the visible one)', async () => {
    const q = new CaptureQueue(fakeTime());
    const starts: string[] = [];
    const hidden = q.enqueue(async (attempt) => {
      starts.push(`hidden#${attempt}`);
      if (attempt < 3) throw new Error('the tab is not the visible one');
      return 'hidden';
    });
    const visible = q.enqueue(async () => {
      starts.push('visible');
      return 'visible';
    });
    await expect(Promise.all([hidden, visible])).resolves.toEqual(['hidden', 'visible']);
    expect(starts).toEqual(['hidden#1', 'visible', 'hidden#2', 'hidden#3']);
    expect(q.pending).toBe(0);
  });
});
