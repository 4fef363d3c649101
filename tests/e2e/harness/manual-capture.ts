/**
 * A manual capture after the test changed the page: the answer must show the page as changed. Usually that is a new
 * `page-screenshot`; but the page's own re-read of the change may have been captured automatically a moment earlier
 * with the very same pixels (an order or price screenshot), and then the capture answers with that picture and notes
 * the time it was seen again (lib/background/capture.ts sameContentAs). Either is right; a picture stored before
 * the change never is.
 */
import type { Reply } from '@/lib/core/messages';
import { ok, type Send } from './send';

/** The ids of the evidence stored now: call it before changing the page. */
export async function evidenceIds(send: Send): Promise<Set<string>> {
  return new Set(ok(await send({ type: 'backup/export' })).evidence.map((e) => e.id));
}

/** Checks a manual capture's answer (see above) and returns its evidence; `fields` must match it as well. */
export function expectCaptureOfChangedPage(
  before: Set<string>,
  reply: Reply<'capture/manual'>,
  fields: Record<string, unknown> = {},
) {
  const { evidence } = ok(reply);
  expect(before.has(evidence.id), `${evidence.kind} ${evidence.id} was stored before the page changed`).toBe(false);
  expect(evidence).toMatchObject(fields);
  if (!evidence.duplicateOf) expect(evidence.kind).toBe('page-screenshot');
  else expect(evidence.seenAgainAt).toBeGreaterThanOrEqual(evidence.capturedAt);
  return evidence;
}
