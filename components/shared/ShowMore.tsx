import { useState } from 'preact/hooks';
import type { T } from '@/lib/core/i18n';

import { PAGE } from '@/lib/core/page-size';

export { PAGE };

/** Lazy lists: render the first page, add a page per click, so a thousand orders open instantly. */
export function useShown(initial = PAGE): [number, () => void] {
  const [shown, setShown] = useState(initial);
  return [shown, () => setShown((n) => n + PAGE)];
}

export function ShowMore({ total, shown, more, t }: { total: number; shown: number; more: () => void; t: T }) {
  if (shown >= total) return null;
  return (
    <button type="button" class="btn show-more" onClick={more}>
      {t('showMore', total - shown)}
    </button>
  );
}
