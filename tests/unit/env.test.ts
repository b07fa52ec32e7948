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
});
