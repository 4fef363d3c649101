/**
 * The state of the two optional features a shopper turns on from a page (Settings, onboarding): automatic
 * screenshots (the "all sites" permission) and whole-page archives. One state machine for both pages, so a
 * grant, a refusal or a failure reads the same wherever it is asked.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ArchiveSupport } from '@/lib/core/options-view';

export type CapturePerm = 'unknown' | 'granted' | 'missing' | 'asking' | 'denied';
export type ArchiveState = ArchiveSupport | 'unknown' | 'asking' | 'denied';

interface CaptureActions {
  hasCapturePermission(): Promise<boolean>;
  requestCapturePermission(): Promise<boolean>;
}

interface ArchiveActions {
  archiveSupport(): Promise<ArchiveSupport>;
  setArchive(on: boolean): Promise<boolean>;
}

/** `ask` must be called straight from a click: the browser requires the user gesture. */
export function useCapturePermission(actions: CaptureActions): { perm: CapturePerm; ask(): void } {
  const [perm, setPerm] = useState<CapturePerm>('unknown');
  useEffect(() => {
    actions.hasCapturePermission().then(
      (g) => setPerm(g ? 'granted' : 'missing'),
      () => setPerm('missing'),
    );
  }, []);
  const ask = () => {
    setPerm('asking');
    actions.requestCapturePermission().then(
      (g) => setPerm(g ? 'granted' : 'denied'),
      () => setPerm('denied'),
    );
  };
  return { perm, ask };
}

/** `toggle(true)` must be called straight from a click, like the capture permission's `ask`. */
export function useArchive(actions: ArchiveActions): { state: ArchiveState; toggle(on: boolean): void } {
  const [state, setState] = useState<ArchiveState>('unknown');
  useEffect(() => {
    actions.archiveSupport().then(setState, () => setState('unsupported'));
  }, []);
  const toggle = (on: boolean) => {
    setState('asking');
    actions.setArchive(on).then(
      (changed) => setState(on ? (changed ? 'granted' : 'denied') : changed ? 'missing' : 'granted'),
      () => setState(on ? 'denied' : 'granted'),
    );
  };
  return { state, toggle };
}
