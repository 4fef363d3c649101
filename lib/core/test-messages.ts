/**
 * Messages only the test build's background accepts (DESIGN.md `build:test`): the release background's
 * schema (./messages.ts) does not have them, and its bundle does not contain them. Handled by
 * lib/background/test-handlers.ts.
 *
 * The schema is made by a function, not at module load: a module-level zod call counts as a side effect,
 * so the release bundle would keep it (and its 'test/clock') even with nothing using it.
 */
import { z } from 'zod';

export function testMessageSchema() {
  return z.discriminatedUnion('type', [
    // Moves the worker's clock (stored as an offset, so a restarted worker keeps it).
    z.object({ type: z.literal('test/clock'), now: z.number().int().nonnegative() }),
    // Runs the hourly price re-check now.
    z.object({ type: z.literal('prices/recheck') }),
    // Pauses every screenshot between the page check and the shot (0 = no pause; gone when the worker restarts),
    // so a test can change the page or kill the worker while a capture is in flight.
    z.object({ type: z.literal('test/capture-delay'), ms: z.number().int().min(0).max(60_000) }),
    // Takes away the APIs Firefox for Android lacks (context menus, commands, notifications) until the worker
    // restarts, so a test shows capture, alerts and export working through their fallbacks.
    z.object({ type: z.literal('test/phone-surface'), on: z.boolean() }),
  ]);
}
export type TestMessage = z.infer<ReturnType<typeof testMessageSchema>>;

export interface TestReplies {
  'test/clock': { ok: true; now: number };
  'prices/recheck': { ok: true };
  'test/capture-delay': { ok: true };
  'test/phone-surface': { ok: true };
}
