import net from "node:net";

// The key a client address is counted under. One IPv6 subscriber usually holds a whole
// /64 (2^64 addresses), so counting per /128 would let one visitor mint without end;
// IPv4 is counted per address, and an IPv4-mapped IPv6 address as the IPv4 it maps.

/** Expands an IPv6 address into its eight 16-bit groups (null when it is not IPv6). */
export function ipv6Groups(ip: string): number[] | null {
  const bare = ip.replace(/^\[|\]$/g, "").split("%")[0];
  if (net.isIPv6(bare) === false) return null;
  let text = bare;
  // A trailing dotted quad (::ffff:1.2.3.4) is two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[1].split(".").map(Number);
    text =
      text.slice(0, -quad[1].length) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = tail === null ? [] : Array(8 - h.length - t.length).fill("0");
  const groups = [...h, ...fill, ...t].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

export function addressKey(ip: string): string {
  const trimmed = ip.trim();
  if (net.isIPv4(trimmed)) return trimmed;
  const g = ipv6Groups(trimmed);
  if (!g) return trimmed || "unknown";
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  if (mapped) return `${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`;
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(":")}::/64`;
}
