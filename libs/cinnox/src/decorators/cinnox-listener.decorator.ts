/**
 * A method decorator that accepts only methods taking `Event` (or nothing): a listener whose parameter
 * is another type does not compile.
 * @publicApi
 */
export type CinnoxListenerDecorator<Event> = <Method extends (event: Event) => unknown>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<Method>,
) => void;
