/**
 * Object URLs for stored evidence bytes, as the popup and the order evidence page show them: read on
 * demand, freed when their image goes, and all freed when the page unloads.
 */
import { db } from './db';

export interface Thumbnails {
  /** An object URL for the evidence's bytes, or null when they are gone (deleted or pruned). */
  thumbnail(evidenceId: string): Promise<string | null>;
  releaseThumbnail(url: string): void;
}

export function thumbnails(): Thumbnails {
  const urls = new Set<string>();
  addEventListener('unload', () => urls.forEach((u) => URL.revokeObjectURL(u)));
  return {
    async thumbnail(id) {
      const blob = await (await db()).get('blobs', id);
      if (!blob) return null;
      const url = URL.createObjectURL(new Blob([blob.data as Uint8Array<ArrayBuffer>], { type: blob.mime }));
      urls.add(url);
      return url;
    },
    releaseThumbnail(url) {
      if (urls.delete(url)) URL.revokeObjectURL(url);
    },
  };
}
