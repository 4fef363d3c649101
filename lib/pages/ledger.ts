/** The money-recovered ledger read for the popup and the Options CSV export (lib/core/ledger.ts decides what counts). */
import { storedNow } from '../store/clock';
import { db } from '../store/db';
import { orderIndexKey } from '../core/keys';
import { ledgerEntries, ledgerTotals, type LedgerEntry, type LedgerTotal } from '../core/ledger';

/**
 * Money recovered (lib/core/ledger.ts), read through indexes: the 价保 answers (`claim:` keys), the orders they name
 * and their screenshots, and the tickets (few). Not on the first screen's path: the popup asks after it renders.
 */
export async function loadLedger(): Promise<{ entries: LedgerEntry[]; totals: LedgerTotal[] }> {
  const d = await db();
  const [claims, tickets, at] = await Promise.all([
    d.getAllFromIndex('snapshots', 'byKey', IDBKeyRange.bound('claim:', 'claim:\uffff')),
    d.getAll('tickets'),
    storedNow(d),
  ]);
  const orderKeys = new Set<string>();
  for (const c of claims) if (c.kind === 'claim' && c.orderId) orderKeys.add(orderIndexKey(c.platform, c.orderId));
  for (const t of tickets) if (t.orderId && t.platform) orderKeys.add(orderIndexKey(t.platform, t.orderId));
  const orderIds = new Set([...claims.map((c) => (c.kind === 'claim' ? c.orderId : undefined))].filter(Boolean));
  const [orders, evidence] = await Promise.all([
    Promise.all([...orderKeys].map((k) => d.getAllFromIndex('snapshots', 'byOrderKey', k))),
    Promise.all([...orderIds].map((o) => d.getAllFromIndex('evidence', 'byOrderId', o as string))),
  ]);
  const entries = ledgerEntries([...claims, ...orders.flat()], tickets, evidence.flat());
  return { entries, totals: ledgerTotals(entries, at) };
}
