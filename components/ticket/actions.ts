/**
 * What the ticket page may ask for: its contract. lib/pages/ticket-connector.ts implements it over the
 * extension (saves through the background, attachments chained and bundles built in the page), and
 * entrypoints/ticket passes it in, which typechecks the fit; actions.mock.ts beside this file implements it
 * with plain objects and sample data, for unit tests and for rendering the page without the extension.
 *
 * What the page is built from (the ticket's facts and the ticket itself) is loaded before it renders
 * (loadTicketView in the connector) and passed in as props.
 */
import type { Ticket } from '@/lib/core/model';
import type { ChainPin, EvidenceRef } from '@/lib/tickets';

export interface TicketActions {
  save(ticket: Ticket): Promise<void>;
  copy(text: string): Promise<void>;
  /**
   * Hands the text to the system's share sheet (the chat app, on a phone); absent where the browser has none.
   * Resolves false when the shopper closed the sheet without sharing.
   */
  share?(text: string): Promise<boolean>;
  exportBundle(ticket: Ticket): Promise<void>;
  /**
   * Hashes and chains one attachment; the ticket's order id goes on the record, and `caption` (what the file is,
   * e.g. the other side's reply pasted as text) when given.
   */
  attach(file: File, orderId: string | undefined, caption?: string): Promise<EvidenceRef>;
  /**
   * The signing key's fingerprint and the evidence chain's newest record, read now (undefined while the chain is
   * empty): a text drafted after an attachment or for an escalation pins a head that covers what it cites.
   */
  chainPin(): Promise<ChainPin | undefined>;
  /** The background's clock (the test build can move it). */
  now(): number;
  /** An object URL of a stored screenshot (null when its bytes are gone), for the price comparison. */
  thumbnail?(evidenceId: string): Promise<string | null>;
  /** Frees an object URL `thumbnail` made. */
  releaseThumbnail?(url: string): void;
}
