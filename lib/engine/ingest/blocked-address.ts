import net from "node:net";

// Addresses a URL import must never reach: this machine, private networks, link-local
// (cloud metadata at 169.254.169.254 / fd00:ec2::254), CGNAT, multicast, documentation
// and reserved ranges, and IPv6 forms that embed an IPv4 address (mapped, compatible,
// NAT64, 6to4), which would otherwise smuggle 127.0.0.1 past an IPv4-only check.

const V4: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

const V6: [string, number][] = [
  ["::", 96], // unspecified, loopback (::1) and IPv4-compatible
  ["::ffff:0:0", 96], // IPv4-mapped
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48],
  ["100::", 64], // discard
  ["2001::", 32], // Teredo
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4
  ["fc00::", 7], // unique local (incl. fd00:ec2::254)
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];

// Two lists: Node's BlockList also matches IPv4 addresses against IPv6 rules in their
// mapped form, so one list holding ::ffff:0:0/96 would block every IPv4 address.
const blocked4 = new net.BlockList();
for (const [a, p] of V4) blocked4.addSubnet(a, p, "ipv4");
const blocked6 = new net.BlockList();
for (const [a, p] of V6) blocked6.addSubnet(a, p, "ipv6");

/** True when `address` (an IP literal, brackets allowed) must not be contacted. */
export function isBlockedAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = net.isIP(ip);
  if (family === 4) return blocked4.check(ip, "ipv4");
  if (family === 6) return blocked6.check(ip, "ipv6");
  return true; // not an address at all: refuse rather than guess
}
