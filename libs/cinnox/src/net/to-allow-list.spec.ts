import { describe, expect, it } from 'vitest';
import { isAllowed, toAllowList } from './to-allow-list.js';

describe('toAllowList / isAllowed', () => {
  const list = toAllowList(['10.0.0.0/8', ' 192.168.1.7 ', '2001:db8::/32', '::1']);

  it.each([
    ['an address inside an IPv4 CIDR', '10.20.30.40'],
    ['a single IPv4 address (entries are trimmed)', '192.168.1.7'],
    ['an address inside an IPv6 CIDR', '2001:db8:1::5'],
    ['a single IPv6 address', '::1'],
    ['an IPv4-mapped IPv6 address inside an IPv4 CIDR', '::ffff:10.1.2.3'],
    ['an IPv4-mapped address in capitals', '::FFFF:10.1.2.3'],
  ])('allows %s', (_, address) => {
    expect(isAllowed(list, address)).toBe(true);
  });

  it.each([
    ['an IPv4 address outside the list', '11.0.0.1'],
    ['the neighbour of a single address', '192.168.1.8'],
    ['an IPv6 address outside the list', '2001:db9::1'],
    ['an IPv4-mapped address outside the list', '::ffff:127.0.0.1'],
    ['no address (a closed socket)', undefined],
    ['an empty address', ''],
  ])('refuses %s', (_, address) => {
    expect(isAllowed(list, address)).toBe(false);
  });

  it('takes /0 as every address of its family', () => {
    const everyV4 = toAllowList(['0.0.0.0/0']);
    expect(isAllowed(everyV4, '203.0.113.9')).toBe(true);
    expect(isAllowed(everyV4, '2001:db8::1')).toBe(false);
  });

  it.each([
    ['a host name', 'example.com', 'not an IP address: example.com'],
    ['an empty entry', '', 'not an IP address: '],
    ['a prefix too long for IPv4', '10.0.0.0/33', 'bad prefix: 10.0.0.0/33'],
    ['a prefix too long for IPv6', '2001:db8::/129', 'bad prefix: 2001:db8::/129'],
    ['a negative prefix', '10.0.0.0/-1', 'bad prefix: 10.0.0.0/-1'],
    ['a fractional prefix', '10.0.0.0/8.5', 'bad prefix: 10.0.0.0/8.5'],
    ['an empty prefix', '10.0.0.0/', 'bad prefix: 10.0.0.0/'],
  ])('refuses %s, naming the entry', (_, source, message) => {
    expect(() => toAllowList([source])).toThrow(message);
  });
});
