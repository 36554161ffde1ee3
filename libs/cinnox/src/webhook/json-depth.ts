/**
 * Depth of a parsed JSON value, walked iteratively (the point is to refuse values so deep that a
 * recursive walker, such as class-transformer, would overflow the stack). Stops once past `limit`.
 */
export function exceedsJsonDepth(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
