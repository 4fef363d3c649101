/**
 * In-page IndexedDB helpers, passed to `evaluate` in either browser (Playwright and Puppeteer serialise
 * the function's source, so these must not close over anything).
 */
export function flipStoredByte(arg: { id: string; index: number }): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('shopwitness');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const store = req.result.transaction('blobs', 'readwrite').objectStore('blobs');
      const get = store.get(arg.id);
      get.onsuccess = () => {
        const rec = get.result as { data: Uint8Array };
        rec.data[arg.index] = (rec.data[arg.index] ?? 0) ^ 0xff;
        const put = store.put(rec);
        put.onsuccess = () => resolve();
        put.onerror = () => reject(put.error);
      };
      get.onerror = () => reject(get.error);
    };
  });
}

/** A `meta` value read in the extension (worker or page), e.g. 'pendingCaptures' or 'captureFailures'. */
export function readMeta(key: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('shopwitness');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const get = req.result.transaction('meta').objectStore('meta').get(key);
      get.onsuccess = () => resolve((get.result as { value?: unknown } | undefined)?.value);
      get.onerror = () => reject(get.error);
    };
  });
}

/** Decodes a stored screenshot in the extension and reads the colour at (40, 40): a marked page's marker. */
export function markerColour(id: string): Promise<[number, number, number]> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('shopwitness');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const get = req.result.transaction('blobs').objectStore('blobs').get(id);
      get.onerror = () => reject(get.error);
      get.onsuccess = async () => {
        try {
          const rec = get.result as { data: Uint8Array; mime: string };
          const bitmap = await createImageBitmap(new Blob([rec.data as BlobPart], { type: rec.mime }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(bitmap, 0, 0);
          const [r, g, b] = ctx.getImageData(40, 40, 1, 1).data;
          resolve([r!, g!, b!]);
        } catch (e) {
          reject(e);
        }
      };
    };
  });
}

/** A stored file's bytes (the `blobs` store), as a plain array so either driver can return it. */
export function readStoredBytes(id: string): Promise<number[] | null> {
  return new Promise<number[] | null>((resolve, reject) => {
    const req = indexedDB.open('shopwitness');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const get = req.result.transaction('blobs').objectStore('blobs').get(id);
      get.onsuccess = () => {
        const rec = get.result as { data: Uint8Array } | undefined;
        resolve(rec ? Array.from(rec.data) : null);
      };
      get.onerror = () => reject(get.error);
    };
  });
}
