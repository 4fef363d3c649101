/**
 * An archive of closed orders' evidence: how large a selection may be and why a build can be refused.
 * lib/pages/archive.ts builds archives; the options page (components/options) says these in words.
 */

/** The whole archive is built (and verified) in memory: a selection larger than this is refused. */
export const ARCHIVE_MAX_BYTES = 256 * 1024 * 1024;

export type ArchiveErrorCode =
  'nothing' | 'open-order' | 'too-large' | 'missing-file' | 'changed-file' | 'not-verified';
