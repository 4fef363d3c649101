/**
 * An empty array that will only ever hold objects or strings, for the lists the rules fill with
 * thousands of pushes per evaluate. A fresh `[]` starts out as an array of small integers; the code
 * the engine optimised for the first evaluate's pushes then still expects that kind on the next
 * call's fresh array and throws itself away on the first push ("not a Smi" deoptimisations of the
 * one-pass grouping in the 2nd and 3rd of the bench's runs, which then ran unoptimised). This array
 * has held an object once, so it never is of that kind.
 */
const SEED = Object.freeze({});

export function objectList<T>(): T[] {
  const list: unknown[] = [SEED];
  list.length = 0;
  return list as T[];
}
