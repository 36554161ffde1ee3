import { BlockList, isIP } from 'node:net';

/** Builds a `BlockList` (used here as an allow list) from IPs and CIDRs; throws on a malformed entry. */
export function toBlockList(sources: readonly string[]): BlockList {
  const list = new BlockList();
  for (const source of sources) {
    const [address = '', prefix] = source.trim().split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`not an IP address: ${source}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address, type);
      continue;
    }
    // Number('') is 0: an empty prefix ("10.0.0.0/") would otherwise allow every address.
    const bits = /^\d+$/.test(prefix) ? Number(prefix) : NaN;
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) throw new Error(`bad prefix: ${source}`);
    list.addSubnet(address, bits, type);
  }
  return list;
}

/** True when `address` (v4, v6 or v4-mapped v6) is in the list. */
export function isAllowed(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return list.check(mapped[1]!, 'ipv4') || list.check(address, 'ipv6');
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}
