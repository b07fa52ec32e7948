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
});
