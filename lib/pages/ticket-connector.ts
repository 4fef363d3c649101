/**
 * The ticket page over the extension: facts from IndexedDB, saves through the background, bundle built here.
 * createTicketActions implements the page's contract (components/ticket/actions.ts, TicketActions)
 * structurally (lib/ never imports a view): entrypoints/ticket hands it to the page, which typechecks the fit.
 */
import { browser } from 'wxt/browser';
import { backgroundNow } from './background-now';
import { send } from './send';
import { buildBundle } from '../core/bundle';
import { db } from '../store/db';
import { attachFile } from './attach';
import { signingKey } from '../store/keystore';
import { pinChain } from '../store/evidence-store';
import { hasFile } from '../core/evidence-chain';
import { base64ToBytes } from '../core/signing';
import { chainPin } from '../store/chain-pin';
import { thumbnails } from '../store/thumbnails';
import type { Alert, Ticket } from '../core/model';
import { gatherFacts } from '../core/ticket-facts';
import { ticketFromAlert, type EvidenceRef, type TicketFacts } from '../tickets';
import { orderTimeline } from '../core/report-timeline';

export interface TicketView {
  facts: TicketFacts;
  ticket: Ticket;
}

/** Loads an existing ticket for the alert, or drafts one from what is stored. */
export async function loadTicketView(alertId: string): Promise<TicketView | null> {
  const d = await db();
  const rec = await d.get('alerts', alertId);
  if (!rec) return null;
  const alert: Alert = rec.alert;
  const now = await backgroundNow();
  const [snapshots, evidence, tickets] = await Promise.all([
    d.getAll('snapshots'),
    d.getAll('evidence'),
    d.getAll('tickets'),
  ]);
  // Key fingerprint and chain head from the same read as the evidence the text cites (the head covers them all).
  const chain = await chainPin(d, evidence);
  const gathered = gatherFacts(snapshots, evidence, alert, now);
  const overdue = alert.kind === 'ticket-overdue' ? tickets.find((t) => t.id === alert.ticketId) : undefined;
  const facts = {
    ...gathered,
    ...(chain ? { chain } : {}),
    ...(overdue
      ? {
          type: overdue.type,
          channel: overdue.channel,
          previousTicket: {
            channel: overdue.channel,
            sentAt: overdue.sentAt ?? now,
            ...(overdue.externalId ? { externalId: overdue.externalId } : {}),
          },
        }
      : {}),
  };
  const draft = ticketFromAlert(alert, facts, { now });
  const existing = tickets
    .filter((t) => t.alertId === alertId && t.status !== 'escalated')
    .sort((a, b) => b.createdAt - a.createdAt)[0];
  const ticket = existing ?? draft;
  return { facts: { ...facts, type: ticket.type, channel: ticket.channel } as TicketFacts, ticket };
}

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Time-stamps over the signed manifest, when trusted time is on (the worker asks the shopper's authorities and
 * verifies each token before it answers); nothing when it is off or every authority fails.
 */
async function stampManifest(
  digest: Uint8Array,
): Promise<{ authority: string; token: Uint8Array; rootPem?: string }[]> {
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const r = await send({ type: 'timestamp/digest', digest: hex });
  if (!r.ok) return [];
  return r.tokens.flatMap((t) => {
    const token = base64ToBytes(t.token);
    return token ? [{ authority: t.authority, token, ...(t.rootPem ? { rootPem: t.rootPem } : {}) }] : [];
  });
}

export function createTicketActions() {
  let clock = { at: Date.now(), bg: Date.now() };
  void backgroundNow().then((bg) => (clock = { at: Date.now(), bg }));
  return {
    // The price comparison's screenshots, read when shown (lib/store/thumbnails.ts).
    ...thumbnails(),
    now: () => clock.bg + (Date.now() - clock.at),
    async save(ticket: Ticket): Promise<void> {
      const r = await send({ type: 'ticket/save', ticket });
      if (!r.ok) throw new Error(r.error);
    },
    async copy(text: string): Promise<void> {
      await navigator.clipboard.writeText(text);
    },
    // Firefox for Android (and Chrome on some systems) offer the system share sheet; desktop Firefox has none.
    ...(typeof navigator.share === 'function'
      ? {
          async share(text: string): Promise<boolean> {
            try {
              await navigator.share({ text });
              return true;
            } catch (e) {
              if (e instanceof DOMException && e.name === 'AbortError') return false; // closed without sharing
              throw e;
            }
          },
        }
      : {}),
    async attach(file: File, orderId: string | undefined, caption?: string): Promise<EvidenceRef> {
      const record = await attachFile(file, { ...(orderId ? { orderId } : {}), ...(caption ? { caption } : {}) });
      return {
        id: record.id,
        kind: record.kind,
        capturedAt: record.capturedAt,
        sha256: record.sha256,
        mime: record.mime,
        title: file.name,
      };
    },
    async chainPin() {
      return chainPin(await db());
    },
    async exportBundle(ticket: Ticket): Promise<void> {
      const d = await db();
      const now = await backgroundNow();
      await pinChain(d, now);
      // The whole chain travels (records outside the complaint as hashes), with every time-stamp token.
      const chain = await d.getAll('evidence');
      const wanted = new Set(ticket.evidenceIds);
      const evidence = [];
      for (const record of chain) {
        if (
          !wanted.has(record.id) &&
          record.kind !== 'timestamp' &&
          !(record.kind === 'deletion' && wanted.has(record.deletes ?? ''))
        )
          continue;
        const blob = hasFile(record) ? await d.get('blobs', record.id) : undefined;
        if (blob) evidence.push({ record, data: blob.data });
        else if (!hasFile(record)) evidence.push({ record, data: new Uint8Array(0) });
      }
      // The order's dates and every parcel event, beside the captures in report.html.
      const timeline = orderTimeline(await d.getAll('snapshots'), ticket);
      const zip = await buildBundle({
        ticket,
        timeline,
        texts: { 'zh-CN': ticket.text['zh-CN'] ?? '', en: ticket.text.en ?? '' },
        evidence,
        chain,
        signingKey: await signingKey(d),
        now,
        generator: `ShopWitness ${browser.runtime.getManifest().version}`,
        stampManifest: stampManifest,
      });
      download(
        zip,
        `shopwitness-${ticket.orderId ?? ticket.trackingNumber ?? ticket.id}.zip`.replace(/[^\w.-]+/g, '_'),
      );
    },
  };
}
