/** `parcel/attach` (lib/background/handlers/parcels.ts): why attaching a parcel to an order was refused. */
export const PARCEL_ATTACH_PROBLEMS = ['unknown-order', 'unknown-parcel', 'other-order'] as const;
export type ParcelAttachProblem = (typeof PARCEL_ATTACH_PROBLEMS)[number];

export interface ParcelAttachRefusal {
  ok: false;
  error: string;
  code: ParcelAttachProblem;
}

const MESSAGES: Record<ParcelAttachProblem, string> = {
  'unknown-order': 'no stored order with this number on this platform',
  'unknown-parcel': 'no stored parcel with this tracking number',
  'other-order': 'this tracking number is already listed on another order',
};

export function refuseAttach(code: ParcelAttachProblem): ParcelAttachRefusal {
  return { ok: false, error: MESSAGES[code], code };
}
