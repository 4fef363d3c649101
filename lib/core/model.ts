/**
 * The data model: zod schemas are the single source of every type (DESIGN.md "Public contracts").
 * Money is integer minor units (fen); times are epoch ms UTC.
 *
 * The content script must not bundle full zod: it imports from here with `import type` only.
 */
import { z } from 'zod';

// Extension pages and the worker forbid eval (MV3 CSP): tell zod not to probe for it.
z.config({ jitless: true });

import { PLATFORMS } from './platforms';
import {
  DEFAULT_AUTHORITIES,
  DEFAULT_INTERVAL_MINUTES,
  MAX_AUTHORITIES,
  MAX_ROOT_PEM,
  canonicalPem,
  isBuiltin,
  isCertificatePem,
  isTsaUrl,
} from './timestamp/settings';

export { PLATFORMS };
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

export const MoneySchema = z.object({
  amount: z.number().int().nonnegative(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
});
export type Money = z.infer<typeof MoneySchema>;

export const STAGES = [
  'info',
  'pickup',
  'transit',
  'delivering',
  'locker',
  'delivered',
  'exception',
  'returning',
] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const CARRIERS = [
  'SF',
  'ZTO',
  'YTO',
  'YUNDA',
  'STO',
  'JT',
  'JD',
  'EMS',
  'CAINIAO',
  'DEPPON',
  'BEST',
  'DHL',
  'UPS',
  'FEDEX',
  'USPS',
] as const;
export const CarrierCodeSchema = z.enum(CARRIERS);
export type CarrierCode = z.infer<typeof CarrierCodeSchema>;

const Url = z.string().min(1).max(4096);
const Time = z.number().int().nonnegative();
const Text = z.string().max(2000);

/** How a value was found: which extraction layer, so the shopper can see (and correct) the source. */
export const PriceSourceSchema = z.enum(['embedded', 'structured', 'dom', 'text', 'user', 'fetch']);
export type PriceSource = z.infer<typeof PriceSourceSchema>;

export const PriceCandidateSchema = z.object({
  price: MoneySchema,
  source: PriceSourceSchema,
  label: Text.optional(),
  selector: Text.optional(),
});
export type PriceCandidate = z.infer<typeof PriceCandidateSchema>;

/** Where a product was seen: its shop page, a live room, or a video's product card. */
export const ChannelSchema = z.enum(['shop', 'live', 'video']);
export type Channel = z.infer<typeof ChannelSchema>;

export const ProductSnapshotSchema = z.object({
  kind: z.literal('product'),
  platform: PlatformSchema,
  url: Url,
  productId: z.string().min(1).max(200),
  title: Text,
  price: MoneySchema,
  listPrice: MoneySchema.optional(),
  priceRange: z.object({ low: MoneySchema, high: MoneySchema }).optional(),
  sku: z.string().max(200).optional(),
  shop: Text.optional(),
  priceProtectionDays: z.number().int().positive().max(365).optional(),
  priceSource: PriceSourceSchema.optional(),
  priceLabel: Text.optional(),
  candidates: z.array(PriceCandidateSchema).max(50).optional(),
  /** Where the product was seen: its shop page, a live room, or a video's product card. Absent = shop. */
  channel: ChannelSchema.optional(),
  /** The live room (live.douyin.com/<roomId>) when `channel` is `live`. */
  roomId: z.string().min(1).max(64).optional(),
  /** A video's id when `channel` is `video`. */
  videoId: z.string().min(1).max(64).optional(),
  /** Per-SKU prices where the page lists them (the offered price of each variant). */
  skuPrices: z
    .array(z.object({ sku: z.string().min(1).max(200), name: Text.optional(), price: MoneySchema }))
    .max(200)
    .optional(),
  capturedAt: Time,
});
export type ProductSnapshot = z.infer<typeof ProductSnapshotSchema>;

export const OrderItemSchema = z.object({
  productId: z.string().max(200).optional(),
  title: Text,
  unitPrice: MoneySchema.optional(),
  quantity: z.number().int().positive().max(100000),
  sku: z.string().max(200).optional(),
  priceProtectionDays: z.number().int().positive().max(365).optional(),
});
export type OrderItem = z.infer<typeof OrderItemSchema>;

export const OrderSnapshotSchema = z.object({
  kind: z.literal('order'),
  platform: PlatformSchema,
  url: Url,
  orderId: z.string().min(1).max(200),
  placedAt: Time.optional(),
  paidAt: Time.optional(),
  paid: MoneySchema,
  items: z.array(OrderItemSchema).max(500),
  shop: Text.optional(),
  status: Text.optional(),
  shippedAt: Time.optional(),
  trackingNumbers: z.array(z.string().max(64)).max(50).optional(),
  priceProtectionDays: z.number().int().positive().max(365).optional(),
  /** Price-protection window stated by the page (Taobao/Tmall "价保期 … 到 …"). */
  priceProtectionUntil: Time.optional(),
  /** The carrier the page (or the shopper) names for the parcel. */
  carrier: CarrierCodeSchema.optional(),
  /** A promise to ship by this time ("11月08日 11:56前发货"): never a shipped time. */
  shipBy: Time.optional(),
  /** `manual`: typed in by the shopper for an order placed in a phone app (order/add). Absent = read from a page. */
  source: z.enum(['page', 'manual']).optional(),
  /** Return parcels (buyer → seller) the shopper added to the order. */
  returnTrackingNumbers: z.array(z.string().max(64)).max(20).optional(),
  /** The return address the merchant gave, as the shopper entered it (a city is enough). */
  returnAddress: Text.optional(),
  capturedAt: Time,
});
export type OrderSnapshot = z.infer<typeof OrderSnapshotSchema>;

export const TrackingEventSchema = z.object({
  at: Time,
  text: Text,
  stage: StageSchema,
  location: Text.optional(),
});
export type TrackingEvent = z.infer<typeof TrackingEventSchema>;

export const LogisticsSnapshotSchema = z.object({
  kind: z.literal('logistics'),
  platform: PlatformSchema.optional(),
  url: Url,
  orderId: z.string().max(200).optional(),
  trackingNumber: z.string().min(1).max(64),
  carrier: CarrierCodeSchema.optional(),
  /** Oldest first. */
  events: z.array(TrackingEventSchema).max(1000),
  /** A return shipment (buyer → seller); watched like a forward one. */
  direction: z.enum(['forward', 'return']).optional(),
  /** The carrier's or tracking site's own state code when it gives one (kuaidi100 `state`). */
  state: z.string().max(32).optional(),
  capturedAt: Time,
});
export type LogisticsSnapshot = z.infer<typeof LogisticsSnapshotSchema>;

/** A platform's own price-protection / refund answer, read from its page or response. */
export const ClaimSnapshotSchema = z.object({
  kind: z.literal('claim'),
  platform: PlatformSchema,
  url: Url,
  orderId: z.string().max(200).optional(),
  productId: z.string().max(200).optional(),
  status: z.enum(['success', 'failed', 'ineligible', 'pending']),
  refund: MoneySchema.optional(),
  text: Text,
  /** A throttle answer's "try again after" time. */
  retryAt: Time.optional(),
  capturedAt: Time,
});
export type ClaimSnapshot = z.infer<typeof ClaimSnapshotSchema>;

export const PageSnapshotSchema = z.discriminatedUnion('kind', [
  ProductSnapshotSchema,
  OrderSnapshotSchema,
  LogisticsSnapshotSchema,
  ClaimSnapshotSchema,
]);
export type PageSnapshot = z.infer<typeof PageSnapshotSchema>;

/** A snapshot as stored: the database adds an id and where it came from. */
export type StoredSnapshot = PageSnapshot & { id: number; tabTitle?: string };

export const EVIDENCE_KINDS = [
  'price-screenshot',
  'order-screenshot',
  'logistics-screenshot',
  /** The platform's own 价保 / refund page showing its answer. */
  'claim-screenshot',
  'page-screenshot',
  'page-archive',
  'attachment',
  'deletion',
  /** The first record of a chain under rule 2: the install's public key and its fingerprint. */
  'chain-start',
  /** Where an older chain (rule 1) continues under rule 2; it pins the key like a chain start. */
  'chain-rule',
  /** Records restored from a backup follow this record, which names the backup's hash and counts. */
  'restore',
  /** An RFC 3161 time-stamp token over the chain head (its bytes are the record's file). */
  'timestamp',
  /**
   * An order the shopper typed in (order/add, an app order with no page): no file and no picture. The record names
   * the stored snapshot (`snapshotId`) and carries the SHA-256 of its canonical JSON, so the entry as typed is chained.
   * Never a screenshot: the app's own screens come as attachments.
   */
  'order-entry',
] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** A P-256 public key as the chain pins it: only the members that define the key. */
export const PublicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/**
 * One evidence record. `prevHash` is the `recordHash` of the record before it (a hash chain),
 * `recordHash` covers every other field, so a changed or removed record shows.
 */
export const EvidenceSchema = z.object({
  id: z.string().min(1).max(100),
  seq: z.number().int().nonnegative(),
  kind: EvidenceKindSchema,
  capturedAt: Time,
  url: Url.optional(),
  title: Text.optional(),
  platform: PlatformSchema.optional(),
  snapshotId: z.number().int().optional(),
  productId: z.string().max(200).optional(),
  orderId: z.string().max(200).optional(),
  trackingNumber: z.string().max(64).optional(),
  /** What the band shows: a price or an order id read from the page. */
  caption: Text.optional(),
  mime: z.string().max(100),
  bytes: z.number().int().nonnegative(),
  sha256: Hex64,
  /**
   * Screenshots: SHA-256 of the page as the browser captured it, before the band was burned in. Its start
   * is printed in the band; identical page content is never stored twice (the later time is recorded).
   */
  contentSha256: Hex64.optional(),
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
  fileName: z.string().max(300).optional(),
  /** For a deletion record: the evidence it removed. */
  deletes: z.string().max(100).optional(),
  note: Text.optional(),
  /** chain-start / chain-rule: the install's public key and its RFC 7638 SHA-256 fingerprint. */
  publicKey: PublicJwkSchema.optional(),
  keyFingerprint: Hex64.optional(),
  /** chain-start after "delete all": the key of the chain that was deleted. */
  previousKeyFingerprint: Hex64.optional(),
  /** restore: what was restored, from which backup file. */
  restore: z
    .object({
      backupSha256: Hex64,
      evidence: z.number().int().nonnegative(),
      snapshots: z.number().int().nonnegative(),
      alerts: z.number().int().nonnegative(),
      tickets: z.number().int().nonnegative(),
      /** The key the backup's chain pinned, when it had one. */
      keyFingerprint: Hex64.optional(),
    })
    .optional(),
  /**
   * timestamp: an RFC 3161 token (the record's file, DER TimeStampToken) over `digest`, which for a chain stamp
   * is the `recordHash` of the record it covers. Verified before it was stored; re-verified by every verifier.
   */
  timestamp: z
    .object({
      /** The authority as the shopper's settings name it, and where it was asked. */
      authority: z.string().min(1).max(200),
      url: z.string().max(2048),
      /** The chain record whose hash was stamped. */
      covers: z.object({ seq: z.number().int().nonnegative(), recordHash: Hex64 }),
      digest: Hex64,
      /** Hex of the request's nonce, the local clock when asked, and the authority's own time (TSTInfo genTime). */
      nonce: z.string().regex(/^[0-9a-f]{2,64}$/),
      requestedAt: Time,
      genTime: Time,
      serial: z.string().max(200).optional(),
      policy: z.string().max(200).optional(),
      /** For a custom authority: the root certificate it was verified against (built-in roots are pinned in code). */
      rootPem: z.string().max(20_000).optional(),
    })
    .optional(),
  /** A record restored from a backup: where it stood in the backup's chain (it follows a `restore` record). */
  restoredFrom: z.object({ seq: z.number().int().nonnegative(), recordHash: Hex64 }).optional(),
  /** The clock read this much earlier than the record before; the record keeps the chain's order instead. */
  clockBehindMs: z.number().int().positive().optional(),
  prevHash: Hex64.nullable(),
  /** Rule 2: SHA-256 of the canonical fields (all but prevHash, fieldsHash, recordHash). Absent under rule 1. */
  fieldsHash: Hex64.optional(),
  recordHash: Hex64,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const ALERT_KINDS = [
  'price-drop',
  'protection-expiring',
  'no-pickup',
  'shipped-no-scan',
  'logistics-stalled',
  'delivery-exception',
  'ticket-overdue',
  'price-discrepancy',
  /** A return parcel the shopper can show is wrong: a number no carrier knows, signed in another city, signed too fast. */
  'return-problem',
] as const;
export const AlertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKindSchema>;

/**
 * One side of a price discrepancy: a price seen (or paid) in one channel at one time. `snapshotId` is the stored
 * product snapshot it was read from (its screenshots are filed under it); absent for a price known only from the
 * order (what was paid, with no offer of that price seen).
 */
export const PriceObservationSchema = z.object({
  channel: ChannelSchema,
  price: MoneySchema,
  at: Time,
  snapshotId: z.number().int().optional(),
  url: Url.optional(),
  roomId: z.string().min(1).max(64).optional(),
  videoId: z.string().min(1).max(64).optional(),
  /** `order`: the price the shopper paid (the order item's unit price), `offer`: a price a page showed. */
  source: z.enum(['order', 'offer']),
});
export type PriceObservation = z.infer<typeof PriceObservationSchema>;

export const AlertSchema = z.object({
  id: z.string().min(1),
  kind: AlertKindSchema,
  platform: PlatformSchema.optional(),
  orderId: z.string().optional(),
  productId: z.string().optional(),
  trackingNumber: z.string().optional(),
  ticketId: z.string().optional(),
  raisedAt: Time,
  dueAt: Time.optional(),
  amount: MoneySchema.optional(),
  message: z.string(),
  /** price-discrepancy: what the shopper paid or was offered (higher) and the lower price in another channel. */
  discrepancy: z.object({ higher: PriceObservationSchema, lower: PriceObservationSchema }).optional(),
  /** price-drop: the platform's own 价保 page refused it (its answer's text): the complaint is the way now. */
  claimRefused: z.string().max(300).optional(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const TICKET_TYPES = [
  'price-protection',
  'price-discrepancy',
  'no-pickup',
  'shipped-no-scan',
  'logistics-stalled',
  'logistics-exception',
  'not-as-described',
  'out-of-stock',
  'return-logistics',
  'after-sale-extension',
] as const;
export const TicketTypeSchema = z.enum(TICKET_TYPES);
export type TicketType = z.infer<typeof TicketTypeSchema>;

export const TicketChannelSchema = z.enum(['seller', 'platform', '12315']);
export type TicketChannel = z.infer<typeof TicketChannelSchema>;

export const TicketStatusSchema = z.enum(['draft', 'sent', 'answered', 'resolved', 'escalated']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** A side of a price discrepancy as the ticket keeps it: the observation and the screenshots filed under it. */
export const TicketObservationSchema = PriceObservationSchema.extend({
  evidenceIds: z.array(z.string()).max(50).default([]),
});
export type TicketObservation = z.infer<typeof TicketObservationSchema>;

export const TicketSchema = z.object({
  version: z.literal(1).default(1),
  id: z.string().min(1),
  type: TicketTypeSchema,
  channel: TicketChannelSchema,
  status: TicketStatusSchema,
  platform: PlatformSchema.optional(),
  orderId: z.string().optional(),
  productId: z.string().optional(),
  trackingNumber: z.string().optional(),
  alertId: z.string().optional(),
  createdAt: Time,
  sentAt: Time.optional(),
  answeredAt: Time.optional(),
  resolvedAt: Time.optional(),
  externalId: z.string().max(200).optional(),
  amount: MoneySchema.optional(),
  evidenceIds: z.array(z.string()).default([]),
  text: z.object({ 'zh-CN': z.string(), en: z.string() }).partial().default({}),
  /** Escalation chain: the ticket this one escalates. */
  parentId: z.string().optional(),
  /** price-discrepancy: both prices, side by side (report.html shows each with its screenshots). */
  discrepancy: z.object({ higher: TicketObservationSchema, lower: TicketObservationSchema }).optional(),
  /** The platform's or merchant's reply (pasted or read from a page), kept as evidence (`evidenceId` when chained). */
  reply: z.object({ text: z.string().max(5000), at: Time, evidenceId: z.string().max(100).optional() }).optional(),
  /** What the shopper got back when the ticket was resolved: it goes into the money-recovered ledger. */
  recovered: MoneySchema.optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;

const PlatformDays = z.record(z.string(), z.number().int().positive().max(365));

/**
 * One time-stamping authority (DESIGN.md `settings.timestamping`): a built-in one by its URL (roots pinned in code),
 * or a custom one with the root certificate its tokens must chain to. The worker also parses the root fully before
 * it saves it (lib/core/timestamp/certificate.ts); this check needs no library.
 */
export const TimestampAuthoritySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: z.string().max(2048).refine(isTsaUrl, 'must be an http:// or https:// URL'),
    rootPem: z
      .string()
      .max(MAX_ROOT_PEM)
      .refine(isCertificatePem, 'must be one PEM certificate (-----BEGIN CERTIFICATE-----)')
      .transform(canonicalPem)
      .optional(),
  })
  .refine((a) => a.rootPem !== undefined || isBuiltin(a), {
    message: 'a custom authority needs its root certificate (rootPem)',
    path: ['rootPem'],
  });
export type TimestampAuthoritySetting = z.infer<typeof TimestampAuthoritySchema>;

const TimestampAuthorities = z
  .array(TimestampAuthoritySchema)
  .min(1)
  .max(MAX_AUTHORITIES)
  .refine((list) => new Set(list.map((a) => a.url)).size === list.length, 'each authority URL only once');
const IntervalMinutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);

export const TimestampingSchema = z.object({
  enabled: z.boolean().default(false),
  authorities: TimestampAuthorities.default(() => DEFAULT_AUTHORITIES.map((a) => ({ ...a }))),
  /** At most one request per authority in this many minutes (new records wait for the next one). */
  intervalMinutes: IntervalMinutes.default(DEFAULT_INTERVAL_MINUTES),
});
export type Timestamping = z.infer<typeof TimestampingSchema>;

/** `settings/save`'s `timestamping`: the fields given replace the stored ones, the others stay. */
export const TimestampingPatchSchema = z.object({
  enabled: z.boolean().optional(),
  authorities: TimestampAuthorities.optional(),
  intervalMinutes: IntervalMinutes.optional(),
});

export const SettingsSchema = z.object({
  version: z.literal(1).default(1),
  protectionDays: PlatformDays.default({ jd: 7, taobao: 7, tmall: 7, douyin: 7, pdd: 7, generic: 7 }),
  minDifference: MoneySchema.default({ amount: 100, currency: 'CNY' }),
  noPickupHours: z.number().positive().default(48),
  shippedNoScanHours: z.number().positive().default(24),
  stallHours: z.number().positive().default(72),
  ticketAnswerHours: z.number().positive().default(72),
  expiringHours: z.number().positive().default(24),
  /**
   * price-discrepancy: how far (hours, either side) from the payment (else from the higher offer) a lower price in
   * another channel counts as "around the time of purchase" (lib/rules/price-discrepancy.ts).
   */
  discrepancyHours: z.number().positive().max(720).default(24),
  notifications: z.boolean().default(true),
  quietHours: z
    .object({ start: z.number().int().min(0).max(23), end: z.number().int().min(0).max(23) })
    .nullable()
    .default(null),
  autoCapture: z.boolean().default(true),
  language: z.enum(['auto', 'zh-CN', 'en']).default('auto'),
  /** Trusted time (RFC 3161): off until the shopper turns it on in Settings. */
  timestamping: TimestampingSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * A change to some settings (`settings/save`): the fields given, each validated, and no default filled in
 * for the others. SettingsSchema.partial() would fill them (zod applies a field's default inside optional),
 * so saving only the language reset every other setting.
 */
const S = SettingsSchema.shape;
export const SettingsPatchSchema = z.object({
  version: S.version.removeDefault().optional(),
  protectionDays: S.protectionDays.removeDefault().optional(),
  minDifference: S.minDifference.removeDefault().optional(),
  noPickupHours: S.noPickupHours.removeDefault().optional(),
  shippedNoScanHours: S.shippedNoScanHours.removeDefault().optional(),
  stallHours: S.stallHours.removeDefault().optional(),
  ticketAnswerHours: S.ticketAnswerHours.removeDefault().optional(),
  expiringHours: S.expiringHours.removeDefault().optional(),
  discrepancyHours: S.discrepancyHours.removeDefault().optional(),
  notifications: S.notifications.removeDefault().optional(),
  quietHours: S.quietHours.removeDefault().optional(),
  autoCapture: S.autoCapture.removeDefault().optional(),
  language: S.language.removeDefault().optional(),
  timestamping: TimestampingPatchSchema.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export function resolveSettings(partial?: Partial<Settings>): Settings {
  return { ...DEFAULT_SETTINGS, ...(partial ?? {}) };
}

export const HistorySchema = z.object({
  snapshots: z.array(PageSnapshotSchema),
  tickets: z.array(TicketSchema).optional(),
});
export type History = { snapshots: PageSnapshot[]; tickets?: Ticket[] };

export const VerifyResultSchema = z.object({
  ok: z.boolean(),
  records: z.number().int(),
  problems: z.array(z.object({ evidenceId: z.string(), reason: z.string() })),
});
export type EvidenceVerifyResult = z.infer<typeof VerifyResultSchema>;
