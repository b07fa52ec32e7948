// The head's catalogue editor against the built app on the embedded demo organisation: the head of
// Facilities adds a request type and builds its form with the keyboard (a required choice and a
// co-worker), an employee files it, and the request page shows what was chosen.
import crypto from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { screenshot } from "../support/browser";
import { browserSession } from "../support/e2e-session";
import { expectErrorBeside } from "../support/expect-error-beside";
import { addOptions } from "../support/field-editor";

const { as } = browserSession();

describe("catalogue editor", () => {
  const suffix = crypto.randomBytes(3).toString("hex");
  const typeName = `Parking permit ${suffix}`;
  const slug = `parking-permit-${suffix}`;
  let fiona: Page;

  it("opens the department's settings on the catalogue tab, without serious accessibility violations", async () => {
    fiona = await as("Fiona Hall");
    await fiona.getByRole("link", { name: "Facilities settings" }).click();
    await fiona.waitForURL(/\/settings\/FAC\/catalog$/);
    await fiona.getByRole("heading", { name: "Facilities catalogue" }).waitFor();
    const tabs = fiona.getByRole("navigation", { name: "Department settings" });
    expect(await tabs.getByRole("link").allTextContents()).toEqual(["Service levels", "Catalogue", "Teams", "Canned responses", "Automation", "Email", "Experience", "Webhooks"]);
    expect(await tabs.getByRole("link", { name: "Catalogue" }).getAttribute("aria-current")).toBe("page");
    await expectNoSeriousA11yViolations(fiona, "catalogue settings");
  });

  it("adds a request type whose address follows its name", async () => {
    await fiona.getByText("New request type").click();
    await fiona.getByLabel("Name", { exact: true }).fill(typeName);
    expect(await fiona.getByLabel("Address in the catalogue").inputValue()).toBe(slug);
    await fiona.getByLabel("Priority of new requests").selectOption("HIGH");
    await fiona.getByRole("button", { name: "Add request type" }).click();
    await fiona.getByText(`"${typeName}" added to the catalogue.`).waitFor();
    await fiona.getByTestId("request-types").getByRole("link", { name: typeName }).click();
    await fiona.getByRole("heading", { name: typeName, level: 1 }).waitFor();
  });

  it("builds the form with the keyboard: a required choice and a co-worker", async () => {
    // "Add a field" moves the focus to the new field's label.
    await fiona.getByRole("button", { name: "Add a field" }).focus();
    await fiona.keyboard.press("Enter");
    // The editor moves the focus on the next animation frame: type only once it has moved.
    await fiona.waitForFunction(() => document.activeElement?.id.endsWith("-label") ?? false);
    await fiona.keyboard.type("Vehicle type");
    const first = fiona.getByRole("group", { name: /^1\. Vehicle type/ });
    expect(await first.getByLabel("Key").inputValue()).toBe("vehicleType");
    await first.getByLabel("Kind").focus();
    await first.getByLabel("Kind").selectOption("select");
    await first.getByLabel("Required").focus();
    await fiona.keyboard.press("Space");

    await fiona.getByRole("button", { name: "Add a field" }).focus();
    await fiona.keyboard.press("Enter");
    await fiona.waitForFunction(() => document.activeElement?.id.endsWith("-label") ?? false);
    await fiona.keyboard.type("Line manager");
    const second = fiona.getByRole("group", { name: /^2\. Line manager/ });
    await second.getByLabel("Kind").selectOption("person");
    // Order matters to requesters: move the co-worker up and back down by keyboard.
    await second.getByRole("button", { name: "Move Line manager up" }).focus();
    await fiona.keyboard.press("Enter");
    await fiona.getByRole("group", { name: /^1\. Line manager/ }).waitFor();
    await fiona.getByRole("button", { name: "Move Line manager down" }).focus();
    await fiona.keyboard.press("Enter");
    await fiona.getByRole("group", { name: /^2\. Line manager/ }).waitFor();

    // A select without options is refused before anything is sent.
    await fiona.getByRole("button", { name: "Save form" }).click();
    await first.getByText("Give at least one option").waitFor();
    await addOptions(fiona, "Vehicle type", ["Car", "Motorbike", "Bicycle"]);

    await fiona.getByRole("button", { name: "Save form" }).click();
    await fiona.getByText("Form saved.").waitFor();
    // Saved for real: a fresh load shows the form as built.
    await fiona.reload();
    await fiona.getByRole("group", { name: /^1\. Vehicle type \(Choice \(one\)\)/ }).waitFor();
    await fiona.getByRole("group", { name: /^2\. Line manager \(Co-worker\)/ }).waitFor();
    expect(await fiona.getByRole("group", { name: /^1\. Vehicle type/ }).getByLabel("Required").isChecked()).toBe(true);
    await expectNoSeriousA11yViolations(fiona, "request type editor");
    await screenshot(fiona, "catalog-editor");
  });

  it("lets an employee file the new type and shows the chosen values on the request page", async () => {
    const erin = await as("Erin Evans");
    await erin.goto(`/catalog/FAC/${slug}`);
    await erin.getByRole("heading", { name: typeName }).waitFor();
    await erin.getByLabel("Title").fill("Parking for my car");
    await erin.getByLabel("What do you need?").fill("I start driving to the office on Monday.");
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.locator("#fieldValues\\.vehicleType-error").getByText("Vehicle type is required").waitFor();

    await erin.getByLabel(/Vehicle type/).selectOption("Car");
    const picker = erin.getByRole("combobox", { name: /Line manager/ });
    await picker.fill("Fiona");
    await erin.getByRole("option", { name: /Fiona Hall/ }).waitFor();
    await picker.press("ArrowDown");
    await picker.press("Enter");
    expect(await picker.inputValue()).toBe("Fiona Hall");
    await screenshot(erin, "catalog-person-field");
    await erin.getByRole("button", { name: "Send request" }).click();
    await erin.waitForURL(/\/requests\/FAC-\d+\?filed=1$/);
    expect(await erin.getByTestId("field-vehicleType").innerText()).toMatch(/Vehicle type\s+Car/);
    expect(await erin.getByTestId("field-lineManager").innerText()).toMatch(/Line manager\s+Fiona Hall/);
    const reference = /\/requests\/(FAC-\d+)/.exec(erin.url())![1]!;

    // The agent's view of the same request shows them too.
    const frank = await as("Frank Fischer");
    await frank.goto(`/requests/${reference}`);
    expect(await frank.getByTestId("field-lineManager").innerText()).toMatch(/Fiona Hall/);
  });

  // Last: an approval step would hold the filing above. The check runs the server's schema, which
  // the editor fetches when it is first used (it is not in the page's first-load script).
  it("checks an approval step in the browser before saving it, then saves it", async () => {
    await fiona.reload();
    const steps = fiona.getByRole("form", { name: "Approval steps" });
    await steps.getByRole("button", { name: "Add an approval step" }).click();
    await steps.getByRole("button", { name: "Save approval steps" }).click();
    const name = steps.getByLabel("Step name");
    await expect.poll(() => name.getAttribute("aria-describedby")).toMatch(/-name-error$/);
    await expectErrorBeside(fiona, name, (await name.getAttribute("aria-describedby"))!, /Give the step a name/);
    await fiona.reload();
    await fiona.getByRole("form", { name: "Approval steps" }).getByText("No approval").waitFor();

    await steps.getByRole("button", { name: "Add an approval step" }).click();
    await steps.getByLabel("Step name").fill("Manager's approval");
    await steps.getByRole("button", { name: "Save approval steps" }).click();
    await fiona.getByText("Approval steps saved.", { exact: false }).waitFor();
    await fiona.reload();
    expect(await fiona.getByRole("form", { name: "Approval steps" }).getByLabel("Step name").inputValue()).toBe("Manager's approval");
  });
});
