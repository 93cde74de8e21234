import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openDatabase } from "../store/open-database";
import { createAccounts, type Accounts } from "./accounts";

let clock = 1_000_000;
const opts = {
  freeCredits: 100,
  ttlDays: 7,
  creditsEnabled: true,
  rateLimit: 3,
  rateWindowS: 60,
  now: () => clock,
};

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return "no error";
}

describe("accounts", () => {
  let accounts: Accounts;
  beforeEach(() => {
    clock = 1_000_000;
    accounts = createAccounts(openDatabase(":memory:"), opts);
  });

  it("issues a token with free credits that verifies until it expires (1001 after)", () => {
    const t = accounts.issueToken("client-a", "1.2.3.4");
    expect(t.token).toMatch(/^vso_usr_/);
    expect(accounts.verify(t.token)).toBe(t.tokenId);
    expect(accounts.balance(t.tokenId)).toMatchObject({ available: 100, frozen: 0, total: 100 });
    clock += 7 * 86_400_000;
    expect(codeOf(() => accounts.verify(t.token))).toBe(1001);
  });

  it("rejects unknown and missing tokens with 1001", () => {
    expect(codeOf(() => accounts.verify("vso_usr_nope"))).toBe(1001);
    expect(codeOf(() => accounts.verify(undefined))).toBe(1001);
  });

  it("freezes, charges and releases credits", () => {
    const { tokenId } = accounts.issueToken("c", "ip");
    expect(accounts.freeze(tokenId, 30)).toBe(30);
    expect(accounts.balance(tokenId)).toMatchObject({ available: 70, frozen: 30, total: 100 });
    accounts.charge(tokenId, 30);
    expect(accounts.balance(tokenId)).toMatchObject({ available: 70, frozen: 0, total: 70 });
    accounts.freeze(tokenId, 20);
    accounts.release(tokenId, 20);
    expect(accounts.balance(tokenId)).toMatchObject({ available: 70, frozen: 0, total: 70 });
  });

  it("refuses to freeze more than is available with 2001 and a sentence", () => {
    const { tokenId } = accounts.issueToken("c", "ip");
    accounts.freeze(tokenId, 90);
    try {
      accounts.freeze(tokenId, 20);
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe(2001);
      expect((e as AppError).message).toMatch(/needs 20 credits and you have 10/);
    }
    expect(accounts.balance(tokenId)).toMatchObject({ available: 10, frozen: 90 });
  });

  it("does not count credits when the operator turned them off", () => {
    const off = createAccounts(openDatabase(":memory:"), { ...opts, creditsEnabled: false });
    const { tokenId } = off.issueToken("c", "ip");
    expect(off.freeze(tokenId, 1000)).toBe(0);
    expect(off.balance(tokenId)).toMatchObject({ available: 100, enabled: false });
  });

  it("rate-limits new tokens per address with a Retry-After", () => {
    for (let i = 0; i < 3; i++) accounts.issueToken(`c${i}`, "9.9.9.9");
    try {
      accounts.issueToken("c4", "9.9.9.9");
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe("rate_limited");
      expect((e as AppError).status).toBe(429);
      expect((e as AppError).retryAfter).toBe(60);
    }
    expect(accounts.issueToken("other", "8.8.8.8").token).toBeTruthy();
    clock += 61_000;
    expect(accounts.issueToken("c5", "9.9.9.9").token).toBeTruthy();
  });
});
