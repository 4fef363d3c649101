/**
 * Messages to the background from an extension page, typed with the protocol's own types
 * (lib/core/messages.ts): the message must be one the background knows, and the answer is that message's
 * reply or an ErrorReply. Works with a Playwright (Chromium) or Puppeteer (Firefox) page.
 */
import type { AnyMessageType, ErrorReply, MessageOf, Reply } from '@/lib/core/messages';

/** What both drivers' pages can do: run a function in the page with one serialisable argument. */
export interface EvaluatingPage {
  evaluate(fn: (arg: unknown) => Promise<unknown>, arg: unknown): Promise<unknown>;
}

/** Sends a message and resolves to its reply (lib/core/messages.ts `Reply`). */
export type Send = <K extends AnyMessageType>(message: MessageOf<K> & { type: K }) => Promise<Reply<K>>;

type RuntimeGlobal = { runtime: { sendMessage(m: unknown): Promise<unknown> } };

/** In the page (serialised by the driver, so it closes over nothing): `browser` in Firefox, `chrome` in Chromium. */
function sendInPage(m: unknown): Promise<unknown> {
  const g = globalThis as unknown as { browser?: RuntimeGlobal; chrome?: RuntimeGlobal };
  return (g.browser ?? g.chrome)?.runtime.sendMessage(m) ?? Promise.reject(new Error('not an extension page'));
}

/** Sends any value, unchecked: for tests of what the background does with malformed messages. */
export function sendRawFrom(page: EvaluatingPage, message: unknown): Promise<unknown> {
  return page.evaluate(sendInPage, message);
}

/** A typed send through the extension page that `page` gives (e.g. one opened on first use). */
export function sendVia(page: () => EvaluatingPage | Promise<EvaluatingPage>): Send {
  // The one cast on a reply here: the background's router answers each type with its handler's reply,
  // which the handler map's types hold it to (lib/background/router.ts).
  return (async (message: unknown) => sendRawFrom(await page(), message)) as Send;
}

/** Sends a message from an extension page as the popup or options page would. */
export function sendFrom<K extends AnyMessageType>(
  page: EvaluatingPage,
  message: MessageOf<K> & { type: K },
): Promise<Reply<K>> {
  return sendVia(() => page)<K>(message);
}

/** The reply of a message expected to succeed; an ErrorReply fails the test with the background's text. */
export function ok<R>(reply: R | ErrorReply): Exclude<R, ErrorReply> {
  if (isErrorReply(reply)) throw new Error(`the background answered an error: ${reply.error}`);
  return reply as Exclude<R, ErrorReply>;
}

function isErrorReply(reply: unknown): reply is ErrorReply {
  return (
    typeof reply === 'object' &&
    reply !== null &&
    'ok' in reply &&
    reply.ok === false &&
    'error' in reply &&
    typeof reply.error === 'string'
  );
}

/** The chain's own bookkeeping records: not evidence a test captured. */
export const BOOKKEEPING_KINDS = ['chain-start', 'chain-rule', 'restore'];
const BOOKKEEPING = new Set(BOOKKEEPING_KINDS);

/** A backup's shop evidence in chain order, without the chain's own bookkeeping (its start, rule change, restores). */
export function shopEvidence<E extends { kind: string; seq: number }>(backup: { evidence: E[] }): E[] {
  return backup.evidence.filter((e) => !BOOKKEEPING.has(e.kind)).sort((a, b) => a.seq - b.seq);
}
