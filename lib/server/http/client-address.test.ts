import { describe, expect, it } from "vitest";
import { addressKey } from "@/lib/engine/accounts/address-key";
import { clientAddress, parseTrustedProxies } from "./client-address";

describe("clientAddress", () => {
  it.each([
    [
      "no proxy trusted: the socket",
      "10.0.0.1",
      "1.1.1.1",
      parseTrustedProxies(undefined, false),
      "10.0.0.1",
    ],
    [
      "one hop: the address our proxy appended",
      "10.0.0.1",
      "6.6.6.6, 1.1.1.1",
      parseTrustedProxies(undefined, true),
      "1.1.1.1",
    ],
    [
      "two hops",
      "10.0.0.1",
      "6.6.6.6, 1.1.1.1, 10.0.0.2",
      parseTrustedProxies("2", false),
      "1.1.1.1",
    ],
    [
      "more hops than the header has: the leftmost",
      "10.0.0.1",
      "1.1.1.1",
      parseTrustedProxies("3", false),
      "1.1.1.1",
    ],
    [
      "a list: skips every trusted hop from the right",
      "10.0.0.1",
      "6.6.6.6, 1.1.1.1, 10.0.0.9",
      parseTrustedProxies("10.0.0.0/8", false),
      "1.1.1.1",
    ],
    [
      "a list: an untrusted socket is the client whatever it forwards",
      "5.5.5.5",
      "6.6.6.6",
      parseTrustedProxies("10.0.0.0/8, ::1", false),
      "5.5.5.5",
    ],
    [
      "IPv4-mapped socket address",
      "::ffff:10.0.0.1",
      "1.1.1.1",
      parseTrustedProxies("10.0.0.1", false),
      "1.1.1.1",
    ],
  ])("%s", (_, socket, xff, trusted, want) => {
    expect(clientAddress(socket, xff, trusted)).toBe(want);
  });

  it("refuses a TRUSTED_PROXIES entry that is not an address", () => {
    expect(() => parseTrustedProxies("proxy.example", false)).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("addressKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["2001:db8:aa:bb::1", "2001:db8:aa:bb::/64"],
    ["2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::ffff:198.51.100.4", "198.51.100.4"],
    ["unknown", "unknown"],
  ])("%s -> %s", (ip, key) => expect(addressKey(ip)).toBe(key));
});
