import net from "node:net";

// The client's address behind reverse proxies. X-Forwarded-For is "client, proxy1,
// proxy2", each proxy appending the address it received the request from, so only the
// right-hand end was written by machines we trust; everything to the left of the first
// untrusted hop may be the client's own invention. We walk from the right (the socket's
// peer first) past the trusted proxies and take the first address that is not one.

export type TrustedProxies = { hops: number } | { list: net.BlockList } | null;

/** TRUSTED_PROXIES: a number of proxy hops, or a comma list of addresses / CIDR ranges. TRUST_PROXY=true alone means one hop. */
export function parseTrustedProxies(
  setting: string | undefined,
  trustProxy: boolean,
): TrustedProxies {
  const text = setting?.trim() ?? "";
  if (!text) return trustProxy ? { hops: 1 } : null;
  if (/^\d+$/.test(text)) return Number(text) > 0 ? { hops: Number(text) } : null;
  const list = new net.BlockList();
  for (const raw of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [addr, bits] = raw.split("/");
    const type = net.isIPv6(addr) ? "ipv6" : "ipv4";
    if (!net.isIP(addr))
      throw new Error(`TRUSTED_PROXIES: "${raw}" is not an address or CIDR range.`);
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return { list };
}

const unwrap = (ip: string) =>
  ip
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

function isTrusted(list: net.BlockList, ip: string): boolean {
  if (!net.isIP(ip)) return false;
  return list.check(ip, net.isIPv6(ip) ? "ipv6" : "ipv4");
}

export function clientAddress(
  socketIp: string,
  forwardedFor: string | null,
  trusted: TrustedProxies,
): string {
  const peer = unwrap(socketIp);
  if (!trusted) return peer;
  const chain = [...(forwardedFor ?? "").split(",").map(unwrap).filter(Boolean), peer];
  let i = chain.length - 1;
  if ("hops" in trusted) i = Math.max(0, i - trusted.hops);
  else while (i > 0 && isTrusted(trusted.list, chain[i])) i--;
  return chain[i];
}
