/**
 * Whether a store's answer must be waited for. A store of the host's may answer with any promise library's
 * promise or a plain thenable, which `instanceof Promise` takes for a value (a truthy "first claim" every time).
 */
export function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return (
    (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<T>).then === 'function'
  );
}
