// Signing out from the header: a plain form posting to a Server Action (the header ships no
// next-auth client code), which expires the session cookie and opens the sign-in page.
import { describe, expect, it } from "vitest";
import { browserSession } from "../support/e2e-session";

const session = browserSession({ failurePrefix: "failed-sign-out" });

describe("signing out", () => {
  it("ends the session: the sign-in page opens and the person's pages ask to sign in again", async () => {
    const erin = await session.as("Erin Evans");
    await erin.goto("/requests");
    await erin.getByTestId("signed-in-as").waitFor();
    const cookieNames = async () => (await erin.context().cookies()).map((c) => c.name).filter((n) => n.includes("session-token"));
    expect(await cookieNames()).not.toEqual([]);

    await erin.getByRole("button", { name: "Sign out" }).first().click();
    await erin.waitForURL((url) => url.pathname === "/signin");
    expect(await cookieNames()).toEqual([]);

    await erin.goto("/requests");
    expect(new URL(erin.url()).pathname).toBe("/signin");
    expect(await erin.getByTestId("signed-in-as").count()).toBe(0);
  });
});
