/**
 * IndexedDB's QuotaExceededError, however it reached us: the DOMException itself (lib/background/capture.ts), or its
 * text carried in a message reply (the popup's manual capture). No imports: the popup reads it too.
 */
const FULL = /QuotaExceeded|quota has been exceeded/i;

export function isStorageFull(e: unknown): boolean {
  if (typeof e === 'string') return FULL.test(e);
  return (e instanceof Error || e instanceof DOMException) && (e.name === 'QuotaExceededError' || FULL.test(e.message));
}
