/** For extension pages: the background's clock (the test build can move it), falling back to the local one. */
import { send } from './send';

export async function backgroundNow(): Promise<number> {
  const r = await send({ type: 'state/summary' });
  return r.ok ? r.now : Date.now();
}
