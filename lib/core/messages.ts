/**
 * The one message protocol between content script, extension pages and background.
 * Senders get types (`import type`); the background zod-parses every message it receives
 * (`parseMessage`) and checks who sent it (`isAllowedFrom`). The content script imports types only,
 * so full zod never lands in its bundle.
 */
import { z } from 'zod';
import { MoneySchema, PageSnapshotSchema, PlatformSchema, SettingsSchema, TicketSchema } from './model';

export const MessageSchema = z.discriminatedUnion('type', [
  // From a shop tab's content script.
  // `userSelector`: the shopper's price element the content script read the page with (null: none);
  // given, the background refuses a product read without the element the shopper picked for that site.
  z.object({
    type: z.literal('snapshot/report'),
    snapshot: PageSnapshotSchema,
    title: z.string().max(500).optional(),
    secondary: z.boolean().optional(),
    userSelector: z.string().max(500).nullable().optional(),
  }),
  z.object({ type: z.literal('content/hello'), url: z.string().max(4096) }),
  // A first-stage content script (lib/content/first-stage/runner.ts) cannot read its page exactly: inject the full runner.
  z.object({ type: z.literal('content/upgrade') }),
  // The shopper picked the price element (lib/content/picker.ts): remembered per host.
  z.object({
    type: z.literal('picker/picked'),
    host: z.string().min(1).max(253),
    selector: z.string().min(1).max(500),
    sample: z.string().max(200),
  }),
  // From extension pages (popup, options).
  z.object({ type: z.literal('capture/manual'), tabId: z.number().int().optional() }),
  z.object({ type: z.literal('backup/export') }),
  z.object({ type: z.literal('evidence/verify') }),
  z.object({ type: z.literal('evidence/delete'), id: z.string().max(100), note: z.string().max(2000).optional() }),
  // Prune archived evidence of closed orders (lib/pages/archive.ts): the background re-checks every id.
  z.object({
    type: z.literal('evidence/prune'),
    ids: z.array(z.string().min(1).max(100)).min(1).max(100_000),
    note: z.string().max(2000),
  }),
  z.object({ type: z.literal('state/summary') }),
  z.object({ type: z.literal('settings/save'), settings: SettingsSchema.partial() }),
  z.object({ type: z.literal('alerts/evaluate') }),
  z.object({ type: z.literal('alert/dismiss'), id: z.string(), snoozeUntil: z.number().int().optional() }),
  z.object({ type: z.literal('ticket/save'), ticket: TicketSchema }),
  // "That's not the price": the shopper's own price, or the element picker started in a tab.
  z.object({
    type: z.literal('price/correct'),
    platform: PlatformSchema,
    productId: z.string().min(1).max(200),
    price: MoneySchema,
  }),
  z.object({ type: z.literal('picker/start'), tabId: z.number().int().optional() }),
  z.object({
    type: z.literal('order/watch'),
    platform: z.string().max(20),
    orderId: z.string().max(200),
    watch: z.boolean(),
  }),
  // Test build only (DESIGN.md `build:test`): moves the worker's clock.
  z.object({ type: z.literal('test/clock'), now: z.number().int().nonnegative() }),
  z.object({ type: z.literal('prices/recheck') }),
]);
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message['type'];

/** Messages a content script (a shop tab) may send; everything else needs an extension page. */
export const CONTENT_MESSAGES: ReadonlySet<MessageType> = new Set([
  'snapshot/report',
  'content/hello',
  'content/upgrade',
  'picker/picked',
]);

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** Rejects messages from other extensions, and privileged messages from web pages' content scripts. */
export function isAllowedFrom(type: MessageType, sender: SenderInfo, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId) return false;
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
  if (CONTENT_MESSAGES.has(type)) return fromExtensionPage || sender.tab?.id !== undefined;
  return fromExtensionPage;
}

export type ParseResult = { ok: true; message: Message } | { ok: false; error: string };

export function parseMessage(raw: unknown): ParseResult {
  const r = MessageSchema.safeParse(raw);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  return {
    ok: false,
    error: `invalid message: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'unknown'}`,
  };
}

export interface ErrorReply {
  ok: false;
  error: string;
}

/** storage.local `userSelectors`: the price element the shopper picked, per host (lib/sites/user-selector.ts). */
export const UserSelectorsSchema = z.record(z.string().max(253), z.string().max(500));
export type UserSelectors = z.infer<typeof UserSelectorsSchema>;
