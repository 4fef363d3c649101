/**
 * The one message protocol between content script, extension pages and background: every message and
 * the reply it gets (`Replies`). Senders get types (`import type`; extension pages send through
 * lib/pages/send.ts, which needs no casts); the background zod-parses every message it receives
 * (`parseMessage`) and checks who sent it (`isAllowedFrom`) in its router (lib/background/router.ts).
 * The content script imports types only, so full zod never lands in its bundle.
 *
 * Messages only the test build knows (`test/clock`, `prices/recheck`) are in ./test-messages.ts: the
 * release background's schema does not have them.
 */
import { z } from 'zod';
import type { EvidenceVerifyResult } from './evidence-chain';
import type { ClaimMark } from './claim-marks';
import {
  MoneySchema,
  OrderSnapshotSchema,
  PageSnapshotSchema,
  PlatformSchema,
  SettingsPatchSchema,
  TicketSchema,
  type Alert,
  type Evidence,
  type Settings,
  type Ticket,
} from './model';
import type { OrderAddRefusal } from './manual-order';
import type { ParcelAttachRefusal } from './parcel-attach';
import type { AlertRecord, CaptureFailure, CaptureOutcome, SnapshotRecord } from './stored';
import type { TestMessage, TestReplies } from './test-messages';

export type { EvidenceVerifyResult, TestMessage, TestReplies };

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
  // Why the page's own responses gave no price (lib/sites/responses.ts ResponseNote), once per page: no content.
  z.object({ type: z.literal('page/note'), note: z.enum(['masked', 'unreadable']) }),
  // A first-stage content script (lib/content/first-stage/runner.ts) cannot read its page exactly: inject the full runner.
  // `structured`: the schema.org probe (lib/content/structured.ts) found such data: inject the schema.org reader.
  z.object({ type: z.literal('content/upgrade'), reader: z.literal('structured').optional() }),
  // The shopper picked the price element (lib/content/picker.ts): remembered per host.
  z.object({
    type: z.literal('picker/picked'),
    host: z.string().min(1).max(253),
    selector: z.string().min(1).max(500),
    sample: z.string().max(200),
  }),
  // From a 价保 page's content script (lib/content/claim-page.ts): the lines to mark, and "show our evidence".
  z.object({ type: z.literal('claim/marks'), platform: PlatformSchema }),
  z.object({ type: z.literal('claim/evidence'), id: z.string().min(1).max(100) }),
  // A tap on the banner a phone gets instead of a notification (lib/background/banner-paint.ts): open what it names.
  z.object({ type: z.literal('banner/open'), id: z.string().min(1).max(500) }),
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
  z.object({ type: z.literal('settings/save'), settings: SettingsPatchSchema }),
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
  // Trusted time over a digest that is not a chain record (a bundle's manifest at export): tokens, not chained.
  z.object({ type: z.literal('timestamp/digest'), digest: z.string().regex(/^[0-9a-f]{64}$/) }),
  // An order placed in a phone app, typed in by the shopper (DESIGN.md public contracts); `edit`: it replaces the
  // stored order's facts with a new record (the old one stays). lib/core/manual-order.ts says what is refused.
  z.object({ type: z.literal('order/add'), snapshot: OrderSnapshotSchema, edit: z.boolean().optional() }),
  z.object({
    type: z.literal('order/watch'),
    platform: z.string().max(20),
    orderId: z.string().max(200),
    watch: z.boolean(),
  }),
  // A parcel read from a public tracking page whose number no order lists, attached by the shopper to one of their
  // orders (lib/background/handlers/parcels.ts): the order gets the number in a new snapshot, the parcel is re-filed.
  z.object({
    type: z.literal('parcel/attach'),
    trackingNumber: z.string().trim().min(1).max(64),
    platform: PlatformSchema,
    orderId: z.string().min(1).max(200),
    direction: z.enum(['forward', 'return']).optional(),
  }),
]);
/** A message the release background accepts. */
export type Message = z.infer<typeof MessageSchema>;
export type MessageType = Message['type'];

/** Any message a sender may write: the release ones and the test build's. */
export type AnyMessage = Message | TestMessage;
export type AnyMessageType = AnyMessage['type'];
export type MessageOf<K extends AnyMessageType> = Extract<AnyMessage, { type: K }>;

export interface Ok {
  ok: true;
}

export interface ErrorReply {
  ok: false;
  error: string;
}

/** `backup/export`: everything stored (DESIGN.md public contracts). Not the backup file (lib/pages/backup-restore.ts). */
export interface BackupExport {
  format: 'shopwitness-backup/1';
  exportedAt: number;
  snapshots: SnapshotRecord[];
  /** The chain's records: metadata with their hashes, not the bytes. */
  evidence: Evidence[];
  alerts: AlertRecord[];
  tickets: Ticket[];
  settings: Settings;
  captureFailures: CaptureFailure[];
}

/** `evidence/prune` (lib/background/prune.ts): refused whole, or what was deleted (lib/core/prune.ts). */
export type { PruneError, PruneResult } from './prune';
import type { PruneResult } from './prune';

/**
 * What the background's handler for each message answers. Expected failures are in the union; on top of
 * these, any message can be answered with an ErrorReply (see `Reply`).
 */
export interface Replies {
  /** Refused: the shopper picked a price element on this site; read again with it. */
  'snapshot/report': { ok: true; snapshotId: number } | (ErrorReply & { userSelector: string });
  'content/hello': Ok;
  'page/note': Ok;
  'claim/marks': { ok: true; marks: ClaimMark[] };
  'claim/evidence': Ok | ErrorReply;
  'banner/open': Ok;
  'content/upgrade': Ok | ErrorReply;
  'picker/picked': Ok | ErrorReply;
  'capture/manual': { ok: true; evidence: CaptureOutcome };
  'backup/export': BackupExport;
  'evidence/verify': EvidenceVerifyResult;
  'evidence/delete': { ok: true; record: Evidence };
  'evidence/prune': PruneResult;
  'state/summary': { ok: true; now: number; snapshots: number; evidence: number };
  'settings/save': { ok: true; settings: Settings };
  'alerts/evaluate': { ok: true; alerts: Alert[] };
  'alert/dismiss': Ok | ErrorReply;
  'ticket/save': Ok;
  'price/correct': { ok: true; snapshotId: number } | ErrorReply;
  'picker/start': Ok | ErrorReply;
  'order/watch': Ok;
  /** The stored snapshot and its chained entry record, or why not (lib/core/manual-order.ts). */
  'order/add': { ok: true; snapshotId: number; evidenceId: string } | OrderAddRefusal;
  'timestamp/digest': DigestStamps | ErrorReply;
  /** The order's new snapshot (null when it listed the number already) and the parcel's, or why not. */
  'parcel/attach': { ok: true; orderSnapshotId: number | null; parcelSnapshotId: number } | ParcelAttachRefusal;
}

/**
 * `timestamp/digest`: a verified RFC 3161 token per authority that answered (DER TimeStampToken as base64, with the
 * fields a `timestamp` record carries), and why the others did not. An ErrorReply when trusted time is off.
 */
export interface DigestStamps {
  ok: true;
  tokens: {
    authority: string;
    url: string;
    token: string;
    genTime: number;
    nonce: string;
    requestedAt: number;
    serial: string;
    policy: string;
    rootPem?: string;
  }[];
  failures: { url: string; error: string }[];
}

/** Every message type has exactly one reply type: this fails to compile otherwise. */
type Same<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false;
const _everyMessageHasAReply: Same<MessageType, keyof Replies> & Same<TestMessage['type'], keyof TestReplies> = true;

/**
 * What a sender gets back for a message of type K: its handler's reply, or an ErrorReply when the
 * message was invalid, the sender not allowed, or the handler threw.
 */
export type Reply<K extends AnyMessageType> = (Replies & TestReplies)[K] | ErrorReply;

/** Who may send a message: 'content' a shop tab's content script (and our pages), 'page' only our extension pages. */
export type MessageFrom = 'content' | 'page';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** Rejects messages from other extensions, and privileged messages from web pages' content scripts. */
export function isAllowedFrom(from: MessageFrom, sender: SenderInfo, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId) return false;
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
  if (from === 'content') return fromExtensionPage || sender.tab?.id !== undefined;
  return fromExtensionPage;
}

export type ParseResult<M = Message> = { ok: true; message: M } | ErrorReply;

/** A message of the release schema, or of `schema` (the test build's), or why not. */
export function parseMessage(raw: unknown): ParseResult;
export function parseMessage<M>(raw: unknown, schema: z.ZodType<M>): ParseResult<M>;
export function parseMessage(raw: unknown, schema: z.ZodType = MessageSchema): ParseResult<unknown> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, message: r.data };
  const issue = r.error.issues[0];
  return {
    ok: false,
    error: `invalid message: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'unknown'}`,
  };
}

/** storage.local `userSelectors`: the price element the shopper picked, per host (lib/sites/user-selector.ts). */
export const UserSelectorsSchema = z.record(z.string().max(253), z.string().max(500));
export type UserSelectors = z.infer<typeof UserSelectorsSchema>;
