/** The release background's handler map: every message type of lib/core/messages.ts, one route each. */
import type { Handlers } from '../router';
import { alertHandlers } from './alerts';
import { backupHandlers } from './backup';
import { captureHandlers } from './capture';
import { claimHandlers } from './claims';
import { evidenceHandlers } from './evidence';
import { orderHandlers } from './orders';
import { parcelHandlers } from './parcels';
import { pickerHandlers } from './picker';
import { settingsHandlers } from './settings';
import { snapshotHandlers } from './snapshots';
import { timestampHandlers } from './timestamp';

export const handlers: Handlers = {
  ...snapshotHandlers,
  ...captureHandlers,
  ...pickerHandlers,
  ...evidenceHandlers,
  ...backupHandlers,
  ...settingsHandlers,
  ...alertHandlers,
  ...orderHandlers,
  ...timestampHandlers,
  ...claimHandlers,
  ...parcelHandlers,
};
