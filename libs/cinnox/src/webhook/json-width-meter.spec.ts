import { describe, expect, it } from 'vitest';
import { JsonWidthMeter } from './json-width-meter.js';

describe('JsonWidthMeter', () => {
  it('counts separators outside strings only', () => {
    const meter = new JsonWidthMeter(4);
    // Four separators outside strings (`:` `,` `:` `[`); the ones inside the strings do not count.
    expect(meter.write('{"a,b:c[":1,"d\\":,[":[2]}')).toBe(true);
    expect(meter.write(',')).toBe(false);
  });

  it('keeps its state across chunks, bytes or text, escapes included', () => {
    const meter = new JsonWidthMeter(1);
    expect(meter.write(Buffer.from('{"a\\'))).toBe(true);
    // The escaped quote keeps the string open across the chunk boundary; its comma does not count.
    expect(meter.write('","')).toBe(true);
    expect(meter.write(Buffer.from(':1'))).toBe(true);
    expect(meter.write(',')).toBe(false);
  });

  it('lets a notification through and stops a wide body', () => {
    const notification = JSON.stringify({
      message: { id: 'c', status: 'CallStart', serviceId: 's', caller: { eid: 'e', number: 1 }, callees: [{ number: '+852 1234' }] },
    });
    expect(new JsonWidthMeter().write(notification)).toBe(true);
    const wide = JSON.stringify(Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`k${i}`, i])));
    const meter = new JsonWidthMeter();
    expect(meter.write(wide)).toBe(false);
    expect(meter.problem).toContain('more than 256 JSON values');
  });
});
