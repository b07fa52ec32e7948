// Webhooks against the built app on the embedded demo organisation: the head of Facilities adds a
// webhook pointing at a receiver on this machine (the e2e app allows private addresses), copies its
// secret, a request is filed to Facilities through the REST API, and the receiver gets a delivery
// whose Desk-Signature verifies with that secret; the delivery shows in the webhook's log. Screens
// at 1366 px and on a 390 px phone, checked with axe.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { verifySignature } from "@/lib/webhooks/signature";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";

const { as } = browserSession({ failurePrefix: "failed-webhooks" });
const baseUrl = inject("baseUrl");

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let server: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/desk`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("a department's webhook", () => {
  const suffix = crypto.randomBytes(3).toString("hex");
  const name = `Ops feed ${suffix}`;
  const title = `Webhook check ${suffix}`;
  let fiona: Page;
  let secret: string;

  it("is created on the Webhooks tab, showing its secret once", async () => {
    fiona = await as("Fiona Hall");
    await fiona.setViewportSize({ width: 1366, height: 900 });
    await fiona.goto("/settings/FAC/webhooks");
    await fiona.getByRole("heading", { name: "Facilities webhooks" }).waitFor();
    await fiona.getByLabel("Webhook name").fill(name);
    await fiona.getByLabel("Address (URL)").fill(receiverUrl);
    // Ratings are never offered to a department's webhook.
    expect(await fiona.getByRole("checkbox", { name: /Rated/ }).count()).toBe(0);
    await fiona.getByRole("button", { name: "Create webhook" }).click();
    secret = await fiona.getByTestId("webhook-secret").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await fiona.getByRole("heading", { name: new RegExp(`^${name}`) }).waitFor();
    await expectNoSeriousA11yViolations(fiona, "webhooks with one webhook");
    await screenshot(fiona, "webhooks-1366");
  });

  it("delivers a filed request, signed with that secret, and logs the delivery", async () => {
    await fiona.goto("/account/tokens");
    await fiona.getByRole("textbox", { name: "Name", exact: true }).fill(`webhook e2e ${suffix}`);
    await fiona.getByRole("button", { name: "Create token" }).click();
    const token = await fiona.getByTestId("new-token").inputValue();
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    type Field = { key: string; kind: string; required: boolean; options?: string[]; min?: number };
    const types = (await (await fetch(`${baseUrl}/api/v1/request-types`, { headers: auth })).json()) as { data: { id: string; department: { key: string }; fields: Field[] }[] };
    // A Facilities type whose required fields can be answered with plain values.
    const answer = (f: Field): unknown =>
      ({ text: "Room 12", textarea: "Room 12", number: f.min ?? 1, date: "2027-01-04", select: f.options?.[0], multiselect: f.options?.slice(0, 1), checkbox: true })[f.kind];
    const type = types.data.find((t) => t.department.key === "FAC" && t.fields.every((f) => !f.required || answer(f) !== undefined))!;
    const fieldValues = Object.fromEntries(type.fields.filter((f) => f.required).map((f) => [f.key, answer(f)]));
    const filed = await fetch(`${baseUrl}/api/v1/requests`, { method: "POST", headers: auth, body: JSON.stringify({ typeId: type.id, title, description: "Filed to check the webhook", fieldValues }) });
    expect(filed.status).toBe(201);

    await expect.poll(() => received.find((r) => r.body.includes(title)), { timeout: 30_000, interval: 500 }).toBeDefined();
    const delivery = received.find((r) => r.body.includes(title))!;
    expect(delivery.headers["desk-event"]).toBe("request.filed");
    expect(verifySignature({ secret, body: delivery.body, header: String(delivery.headers["desk-signature"]) })).toBe(true);
    expect(verifySignature({ secret: `${secret}x`, body: delivery.body, header: String(delivery.headers["desk-signature"]) })).toBe(false);

    await fiona.goto("/settings/FAC/webhooks");
    const log = fiona.getByRole("table", { name: `Latest deliveries of ${name}` });
    await log.getByText("succeeded").first().waitFor();
    await log.getByText("204").first().waitFor();
  });

  it("reads well on a phone", async () => {
    await fiona.setViewportSize({ width: 390, height: 844 });
    await fiona.goto("/settings/FAC/webhooks");
    await fiona.getByRole("heading", { name: "Facilities webhooks" }).waitFor();
    await expectNoSeriousA11yViolations(fiona, "webhooks on a phone");
    await screenshot(fiona, "webhooks-390");
    // Disabled by its head: it shows as disabled and nothing more is sent to it.
    await fiona.setViewportSize({ width: 1366, height: 900 });
    await fiona.getByRole("button", { name: `Disable ${name}` }).click();
    await fiona.getByRole("heading", { name: new RegExp(`^${name}`) }).getByText("disabled").waitFor();
  });
});
