/**
 * Sends a message to the background from an extension page, typed end to end: the message must be one
 * the protocol has (lib/core/messages.ts), and the answer is that message's reply, or the ErrorReply any
 * message can get (invalid, sender refused, the handler threw, or no answer at all).
 *
 * The one place a reply is cast: the background's router answers each type with its handler's reply,
 * and the handler map's types hold each handler to it (lib/background/router.ts).
 */
import { browser } from 'wxt/browser';
import type { AnyMessageType, MessageOf, Reply } from '../core/messages';

export async function send<K extends AnyMessageType>(message: MessageOf<K> & { type: K }): Promise<Reply<K>> {
  const reply: unknown = await browser.runtime.sendMessage(message);
  if (reply === undefined) return { ok: false, error: 'no answer from the background' };
  return reply as Reply<K>;
}
