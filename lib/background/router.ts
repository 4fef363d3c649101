/**
 * The background's messages as a typed handler map: one route per message type, with who may send it
 * (`from`), whether it may change what the popup's kept view is made of (`changesData`), and a handler
 * whose return type is that message's reply (lib/core/messages.ts `Replies`): a handler answering the
 * wrong shape does not compile.
 *
 * The router zod-parses what arrives, checks the sender, waits for the worker's start, runs the handler,
 * rebuilds the popup's view after a route that changes data (even when it failed part way), and answers
 * a throw as `{ ok: false, error }`. Nothing it is sent reaches a handler unparsed.
 */
import { browser, type Browser } from 'wxt/browser';
import type { z } from 'zod';
import {
  isAllowedFrom,
  parseMessage,
  type ErrorReply,
  type Message,
  type MessageFrom,
  type Replies,
  type TestMessage,
  type TestReplies,
} from '../core/messages';
import { db, type DB } from '../store/db';

export interface HandlerContext {
  sender: Browser.runtime.MessageSender;
  db: DB;
}

export interface Route<M, R> {
  /** 'content': a shop tab's content script may send it (and our pages); 'page': only our extension pages. */
  from: MessageFrom;
  /** It may change what the popup's kept view is made of: the view is rebuilt after it. */
  changesData: boolean;
  handle(message: M, ctx: HandlerContext): Promise<R>;
}

/** One route per message type of M, each answering that type's reply in R. */
export type Routes<M extends { type: string }, R extends { [K in M['type']]: unknown }> = {
  [K in M['type']]: Route<Extract<M, { type: K }>, R[K]>;
};

/** The release background's routes. */
export type Handlers = Routes<Message, Replies>;
/** The routes only the test build has (lib/background/test-handlers.ts). */
export type TestHandlers = Routes<TestMessage, TestReplies>;

export interface RouterOptions<M extends { type: string }> {
  schema: z.ZodType<M>;
  routes: { [K in M['type']]: Route<Extract<M, { type: K }>, unknown> };
  /** The worker's start (database open, clock loaded): every handler waits for it. */
  ready: Promise<unknown>;
  /** Called after every route that changes data (the popup's view refresh). */
  onDataChanged: () => void;
}

export type MessageListener = (raw: unknown, sender: Browser.runtime.MessageSender) => Promise<unknown>;

function errorReply(error: string): Promise<ErrorReply> {
  return Promise.resolve({ ok: false, error });
}

/** The runtime.onMessage listener for these routes. */
export function createRouter<M extends { type: string }>(opts: RouterOptions<M>): MessageListener {
  return (raw, sender) => {
    const parsed = parseMessage(raw, opts.schema);
    if (!parsed.ok) return errorReply(parsed.error);
    const message = parsed.message;
    const type: M['type'] = message.type;
    if (!Object.hasOwn(opts.routes, type)) return errorReply(`invalid message: no handler for ${type}`);
    const route: Route<M, unknown> = opts.routes[type];
    if (!isAllowedFrom(route.from, sender, browser.runtime.id, browser.runtime.getURL('/')))
      return errorReply('sender not allowed');
    return opts.ready
      .then(async () => route.handle(message, { sender, db: await db() }))
      .finally(() => {
        if (route.changesData) opts.onDataChanged();
      })
      .catch((e: unknown): ErrorReply => ({ ok: false, error: e instanceof Error ? e.message : String(e) }));
  };
}
