/** Whether `value` is a promise (or promise-like) to wait for, rather than a value that is ready. */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === "function";
}
