// Keys under which an envelope may hold the records. CINNOX documents the fields of a record, not the
// envelope (the subscription API answers { code, result }): any of these, at the top or in `result`.
const LIST_KEYS = ['result', 'records', 'data', 'list', 'items', 'rows'];

/**
 * The records of a report answer, whatever the envelope: an array, or an object holding one (directly, or in
 * its `result`); what is wrong as a string when none is found or an entry is not an object.
 */
export function readReportRecords(body: unknown): Record<string, unknown>[] | string {
  const list = findList(body, 0);
  if (list === undefined) return 'no list of records (an array, or an object holding one)';
  const bad = list.findIndex((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry));
  if (bad !== -1) return `record ${bad} is not an object`;
  // Only own fields: an own "__proto__" key in the JSON stays a plain field of the copy.
  return list.map((entry) => Object.fromEntries(Object.entries(entry as object)));
}

function findList(value: unknown, depth: number): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null || depth > 1) return undefined;
  const object = value as Record<string, unknown>;
  for (const key of LIST_KEYS) {
    const found = Object.hasOwn(object, key) ? findList(object[key], depth + 1) : undefined;
    if (found) return found;
  }
  // An envelope of another name: its only array.
  const arrays = Object.values(object).filter(Array.isArray);
  return arrays.length === 1 ? arrays[0] : undefined;
}
