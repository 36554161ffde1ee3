// A notification is three levels deep; 32 leaves room for fields CINNOX may add.
const MAX_DEPTH = 32;

/**
 * One iterative pass over a parsed body for what must never reach class-transformer: nesting deep enough
 * to overflow its recursive walk, and `__proto__` keys (copying one onto a DTO would swap its prototype;
 * both adapters' parsers refuse them already, this is the backstop). Width needs no count here: the edge's
 * JsonWidthMeter refused wide bodies before they were parsed, and the guard lets no other body in.
 * Returns what is wrong, or undefined.
 */
export function findJsonHazard(value: unknown): string | undefined {
  // Two parallel stacks rather than a tuple per node: this runs on every delivery.
  const nodes: object[] = [];
  const depths: number[] = [];
  if (typeof value === 'object' && value !== null) {
    nodes.push(value);
    depths.push(0);
  }
  while (nodes.length > 0) {
    const current = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth >= MAX_DEPTH) return `the body is nested more than ${MAX_DEPTH} levels deep`;
    if (Object.hasOwn(current, '__proto__')) return 'the body has a "__proto__" key';
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}
