import { CINNOX_WEBHOOK_MAX_VALUES } from '../cinnox.constants.js';

// A notification is three levels deep; 32 leaves room for fields CINNOX may add.
const MAX_DEPTH = 32;

/**
 * One iterative pass over a parsed body for what must never reach class-transformer: nesting deep enough
 * to overflow its recursive walk, more values than any notification holds (its per-key cost would let a
 * body under the size limit cost as much as hundreds of normal ones), and `__proto__` keys (copying one
 * onto a DTO would swap its prototype; both adapters' parsers refuse them already, this is the backstop).
 * Returns what is wrong, or undefined.
 */
export function findJsonHazard(value: unknown, maxValues = CINNOX_WEBHOOK_MAX_VALUES): string | undefined {
  // Two parallel stacks rather than a tuple per node: this runs on every delivery.
  const nodes: object[] = [];
  const depths: number[] = [];
  let values = 1;
  if (typeof value === 'object' && value !== null) {
    nodes.push(value);
    depths.push(0);
  }
  while (nodes.length > 0) {
    const current = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth >= MAX_DEPTH) return `the body is nested more than ${MAX_DEPTH} levels deep`;
    if (Object.hasOwn(current, '__proto__')) return 'the body has a "__proto__" key';
    const children = Array.isArray(current) ? current : Object.values(current);
    values += children.length;
    if (values > maxValues) return `the body holds more than ${maxValues} JSON values; a CINNOX notification holds a few dozen`;
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}
