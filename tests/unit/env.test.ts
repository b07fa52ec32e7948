import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("has working defaults for the embedded desk", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DESK_DATA_DIR: ".data", DESK_DEMO: true, DESK_EMBEDDED: false, UNKNOWN_EMAIL_POLICY: "refuse" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SMTP_URL: " " }).DATABASE_URL).toBeUndefined();
  });

  it("fails fast with a readable message for bad settings", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(() => parseEnv({ OIDC_ISSUER: "https://idp.example.com" })).toThrow(/together/);
    expect(() => parseEnv({ UNKNOWN_EMAIL_POLICY: "create" })).toThrow(/DEFAULT_DEPARTMENT/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/32 characters/);
  });

  it("has throttles on by default, each a setting", () => {
    expect(parseEnv({})).toMatchObject({
      DESK_API_RATE_LIMIT: 120,
      DESK_SIGNIN_RATE_PER_ADDRESS: 10,
      DESK_SIGNIN_RATE_PER_IP: 100,
      DESK_SIGNIN_RATE_WINDOW_MINUTES: 15,
      DESK_ACTION_RATE_LIMIT: 120,
    });
    expect(parseEnv({ DESK_ACTION_RATE_LIMIT: "30", DESK_SIGNIN_RATE_PER_IP: "500" })).toMatchObject({ DESK_ACTION_RATE_LIMIT: 30, DESK_SIGNIN_RATE_PER_IP: 500 });
    expect(() => parseEnv({ DESK_SIGNIN_RATE_PER_ADDRESS: "0" })).toThrow(/DESK_SIGNIN_RATE_PER_ADDRESS must be at least 1/);
    expect(() => parseEnv({ DESK_ACTION_RATE_LIMIT: "lots" })).toThrow(/DESK_ACTION_RATE_LIMIT must be a whole number/);
  });

  it("trusts no receiving server's Authentication-Results by default, and reads a list of authserv-ids", () => {
    expect(parseEnv({}).INBOUND_REQUIRE_AUTH_RESULTS).toEqual([]);
    expect(parseEnv({ INBOUND_REQUIRE_AUTH_RESULTS: " MX.example.com, mx2.example.com " }).INBOUND_REQUIRE_AUTH_RESULTS).toEqual(["mx.example.com", "mx2.example.com"]);
    expect(() => parseEnv({ INBOUND_REQUIRE_AUTH_RESULTS: "mx.example.com; dmarc=pass" })).toThrow(/authserv-ids/);
  });

  it("refuses an OAuth mailbox without its provider's settings, and an unknown provider", () => {
    const ms = "imaps://desk%40example.com@outlook.office365.com:993/INBOX?auth=microsoft";
    expect(() => parseEnv({ INBOUND_IMAP_URLS: ms })).toThrow(/INBOUND_IMAP_MICROSOFT_TENANT, _CLIENT_ID and _CLIENT_SECRET together/);
    expect(() => parseEnv({ INBOUND_IMAP_URLS: ms, INBOUND_IMAP_MICROSOFT_TENANT: "example.com", INBOUND_IMAP_MICROSOFT_CLIENT_ID: "id" })).toThrow(/together/);
    expect(parseEnv({ INBOUND_IMAP_URLS: ms, INBOUND_IMAP_MICROSOFT_TENANT: "example.com", INBOUND_IMAP_MICROSOFT_CLIENT_ID: "id", INBOUND_IMAP_MICROSOFT_CLIENT_SECRET: "s" }).INBOUND_IMAP_URLS).toEqual([ms]);
    expect(() => parseEnv({ INBOUND_IMAP_URLS: "imaps://desk%40example.com@imap.gmail.com:993/INBOX?auth=google" })).toThrow(/INBOUND_IMAP_GOOGLE_KEY_FILE/);
    expect(() => parseEnv({ INBOUND_IMAP_URLS: "imaps://desk@imap.example.com/INBOX?auth=yahoo" })).toThrow(/auth=yahoo is not known/);
  });
});
