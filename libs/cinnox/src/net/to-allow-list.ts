import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';
import { badCidrPrefix, notAnIpAddress } from '../cinnox.messages.js';

type IpRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** The webhook's `allowedSources`, parsed: one range per IP (a full-width prefix) or CIDR. */
export type CinnoxAllowList = readonly IpRange[];

/** Parses IPs and CIDRs (ipaddr.js); throws naming the first malformed entry. */
export function toAllowList(sources: readonly string[]): CinnoxAllowList {
  return sources.map((source): IpRange => {
    const entry = source.trim();
    const [address = ''] = entry.split('/', 1);
    // node:net's isIP, not ipaddr.isValid, which takes legacy forms such as "10" or "0x0a.0.0.1".
    if (isIP(address) === 0) throw new Error(notAnIpAddress(source));
    if (!entry.includes('/')) {
      const ip = ipaddr.parse(address);
      return [ip, ip.kind() === 'ipv4' ? 32 : 128];
    }
    // ipaddr.js refuses a prefix that is not a whole number within the family's width, an empty one included.
    try {
      return ipaddr.parseCIDR(entry);
    } catch (error) {
      throw new Error(badCidrPrefix(source), { cause: error });
    }
  });
}

/** True when `address` (v4, v6 or v4-mapped v6) is in the list. */
export function isAllowed(list: CinnoxAllowList, address: string | undefined): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  // process() turns an IPv4-mapped IPv6 address into its IPv4 form.
  const ip = ipaddr.process(address);
  const kind = ip.kind();
  return list.some(([range, bits]) => range.kind() === kind && (ip as ipaddr.IPv4).match(range as ipaddr.IPv4, bits));
}
