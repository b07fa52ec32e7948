// Each department's catalogue of request types, with how a requester fills in each one: data and the
// small templates that vary it (prisma/seed/demo.ts files the requests).
import type { FieldDefinitionInput, FieldValue } from "../../../lib/validation/fields";
import type { Rand } from "../random";
import { NEW_STARTERS, SITES, type DeptKey, type DeptSpec } from "./organisation";

export type Priority = "LOW" | "NORMAL" | "HIGH" | "URGENT";

export type Requester = { first: string; name: string; title: string; dept: DeptSpec };

export type DraftCtx = {
  r: Rand;
  requester: Requester;
  /** Full name of a colleague in the requester's department. */
  colleague: () => string;
  company: () => string;
  /** A weekday between `min` and `max` days after filing, as YYYY-MM-DD. */
  date: (min: number, max: number) => string;
  /** A day between `min` and `max` days before filing, as YYYY-MM-DD. */
  past: (min: number, max: number) => string;
};

export type Draft = {
  title: string;
  description: string;
  values: Record<string, FieldValue | undefined>;
  /** The priority an agent sets at triage, when it differs from the type's default. */
  triage?: Priority;
  /** Extra words for the conversation templates. */
  vars?: Record<string, string>;
};

export type Talk = {
  /** An agent's question that puts the request on the requester, and the requester's answer. */
  qa?: [string, string][];
  resolve?: string[];
  notes?: string[];
};

export type TypeSpec = {
  slug: string;
  name: string;
  description: string;
  team: string;
  priority: Priority;
  weight: number;
  fields: FieldDefinitionInput[];
  /** Who files it, when not "mostly other departments". */
  requesterDepts?: DeptKey[];
  draft: (c: DraftCtx) => Draft;
  talk?: Talk;
};

const currency = (dept: DeptSpec) => (dept.timeZone === "America/New_York" ? "USD" : dept.timeZone === "Europe/London" ? "GBP" : "EUR");
const money = (n: number, cur: string) => `${cur} ${n.toLocaleString("en-US")}`;
const deskLabel = (r: Rand) => `${r.pick(["A", "B", "C"])}${r.int(1, 5)}.${String(r.int(1, 32)).padStart(2, "0")}`;

export const CATALOGUES: Record<DeptKey, TypeSpec[]> = {
  IT: [
    {
      slug: "new-laptop",
      name: "New laptop",
      description: "A laptop for a new starter, or a replacement for one that is broken or too old.",
      team: "Service Desk",
      priority: "NORMAL",
      weight: 5,
      fields: [
        { key: "model", label: "Model", kind: "select", required: true, options: ["MacBook Pro 14", "MacBook Air 13", "Dell Latitude 7450", "Lenovo ThinkPad X1 Carbon"], help: "Developers and designers usually take the MacBook Pro." },
        { key: "reason", label: "Reason", kind: "select", required: true, options: ["New starter", "Replacement: broken", "Replacement: older than 4 years", "More performance needed"] },
        { key: "neededBy", label: "Needed by", kind: "date", required: true },
        { key: "keyboard", label: "Keyboard layout", kind: "select", options: ["US English", "UK English", "German", "French"] },
        { key: "justification", label: "Justification", kind: "textarea", maxLength: 2000, help: "Only for replacements and upgrades." },
      ],
      draft: (c): Draft => {
        const reason = c.r.weighted([
          ["New starter", 4],
          ["Replacement: broken", 3],
          ["Replacement: older than 4 years", 2],
          ["More performance needed", 1],
        ] as const);
        const model = c.r.pick(["MacBook Pro 14", "MacBook Air 13", "Dell Latitude 7450", "Lenovo ThinkPad X1 Carbon"]);
        const keyboard = c.requester.dept.timeZone === "Europe/Berlin" ? c.r.pick(["German", "US English"]) : c.requester.dept.timeZone === "Europe/London" ? "UK English" : "US English";
        if (reason === "New starter") {
          const starter = c.r.pick(NEW_STARTERS);
          const neededBy = c.date(5, 20);
          return {
            title: `Laptop for new starter ${starter} (${c.requester.dept.name})`,
            description: `${starter} joins ${c.requester.dept.name} on ${neededBy}. Please prepare a ${model} with the standard ${c.requester.dept.name} setup and have it ready at the ${c.requester.dept.site} reception on the first morning.`,
            values: { model, reason, neededBy, keyboard, justification: "Approved headcount, new hire." },
            vars: { starter, model },
          };
        }
        if (reason === "Replacement: broken") {
          const [title, what] = c.r.pick([
            ["Replacement laptop: cracked screen", "The screen cracked when my bag fell off the chair yesterday. The bottom half still works but it is very hard to read."],
            ["Laptop no longer charges", "My laptop stopped charging on Monday. I tried two other chargers from colleagues, same result. The battery is at 12% now."],
            ["Several keys on my laptop stopped working", "The E, R and space keys only work when I press them very hard. I'm using an external keyboard for now."],
            ["Laptop shuts down randomly", "My laptop switches itself off several times a day, usually during video calls. It gets very hot before it happens."],
          ] as const);
          return {
            title,
            description: `${what} Could I get a replacement? I'm in the office at ${c.requester.dept.site} most days.`,
            values: { model, reason, neededBy: c.date(1, 5), keyboard, justification: "Current device is broken." },
            triage: c.r.chance(0.3) ? "HIGH" : undefined,
            vars: { model },
          };
        }
        const perf = reason === "More performance needed";
        return {
          title: perf ? `More powerful laptop for ${c.r.pick(["data work", "video editing", "local builds", "large Excel models"])}` : "My laptop is over four years old and very slow",
          description: perf
            ? `As ${c.requester.title} I work with large files every day and my current laptop (8 GB) is at its limit: exports take 20+ minutes and video calls stutter while something runs. A ${model} would make a real difference.`
            : `My laptop was issued more than four and a half years ago and is now painfully slow: booting takes five minutes and Teams freezes regularly. According to the policy it is due for replacement.`,
          values: { model, reason, neededBy: c.date(10, 30), keyboard, justification: perf ? "Performance limits daily work." : "Device older than four years." },
          triage: "LOW",
          vars: { model },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, we have the {model} in stock, but only with 16 GB. Is that fine, or do you need 32 GB (about two weeks' delivery)?", "16 GB is fine, thanks. Better to have it soon."],
          ["Hi {first}, could you confirm the cost centre this should be charged to? Replacements outside the 4-year cycle need it.", "Please use our department's cost centre, my manager is OK with it."],
        ],
        resolve: [
          "Hi {first}, the {model} is ready. You can pick it up at the IT desk on the 2nd floor; bring the old device if you have one.",
          "The laptop has been set up and handed over. Data from the old device is migrated; please check your files and let us know if anything is missing.",
          "The new device is at reception, labelled with your name. Sign in with your usual account; the first login takes about 10 minutes.",
        ],
        notes: ["Ordered from the framework supplier, delivery expected in 3 working days.", "Old device goes to secure wipe, asset register updated.", "Stock check: 2 units left of this model, need to reorder."],
      },
    },
    {
      slug: "system-access",
      name: "Access to a system",
      description: "Get an account or more rights in one of the company's applications.",
      team: "Access Management",
      priority: "NORMAL",
      weight: 6,
      fields: [
        { key: "system", label: "System", kind: "select", required: true, options: ["Salesforce", "SAP S/4HANA", "Jira", "Confluence", "GitHub", "Workday", "Tableau", "AWS console", "HubSpot", "Figma"] },
        { key: "accessLevel", label: "Access level", kind: "select", required: true, options: ["Read only", "Standard user", "Administrator"] },
        { key: "reason", label: "What do you need it for?", kind: "textarea", required: true, maxLength: 2000 },
        { key: "managerApproved", label: "My manager has approved this", kind: "checkbox" },
        { key: "until", label: "Access needed until", kind: "date", help: "Leave empty for permanent access." },
      ],
      draft: (c): Draft => {
        const byDept: Record<DeptKey, string[]> = {
          IT: ["GitHub", "AWS console", "Jira", "Tableau"],
          FAC: ["SAP S/4HANA", "Confluence", "Jira"],
          FIN: ["SAP S/4HANA", "Tableau", "Salesforce", "Workday"],
          HR: ["Workday", "Tableau", "Confluence"],
          LEG: ["Salesforce", "Confluence", "Workday"],
          PRO: ["SAP S/4HANA", "Tableau", "Confluence"],
          MKT: ["HubSpot", "Figma", "Salesforce", "Tableau"],
          OPS: ["Salesforce", "Tableau", "HubSpot", "Jira"],
          SEC: ["AWS console", "Jira", "Confluence"],
          TRV: ["SAP S/4HANA", "Workday", "Confluence"],
          DAT: ["Tableau", "AWS console", "GitHub", "Salesforce"],
          COM: ["Confluence", "Figma", "Workday"],
        };
        const system = c.r.pick(byDept[c.requester.dept.key]);
        const accessLevel = c.r.weighted([
          ["Standard user", 6],
          ["Read only", 3],
          ["Administrator", 1],
        ] as const);
        const temporary = c.r.chance(0.25);
        const purpose = c.r.pick([
          `I've taken over ${c.colleague()}'s reports while they are on leave`,
          "I changed roles and need it for my new responsibilities",
          `we start a project with ${c.company()} next week and I need to follow the work there`,
          "I need to pull the monthly numbers for our team review myself",
          "I'm new in the team and this was not included in my onboarding",
        ]);
        return {
          title: c.r.chance(0.5) ? `Access to ${system} (${accessLevel.toLowerCase()})` : `Need ${system} access`,
          description: `Hi IT, could I get ${accessLevel.toLowerCase()} access to ${system}? ${purpose[0]!.toUpperCase()}${purpose.slice(1)}.${temporary ? " I only need it for a few weeks." : ""}`,
          values: {
            system,
            accessLevel,
            reason: `${purpose[0]!.toUpperCase()}${purpose.slice(1)}.`,
            managerApproved: c.r.chance(0.7),
            until: temporary ? c.date(20, 60) : undefined,
          },
          triage: accessLevel === "Administrator" ? "HIGH" : undefined,
          vars: { system },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, {system} access needs your manager's approval. Could you ask them to reply here or tick the approval box?", "My manager just replied to me by email that it's approved. I'll ask them to confirm here too."],
          ["Hi {first}, which {system} group or project do you need exactly? There are several for your department.", "The one my team uses for the monthly reporting. A colleague has the same access, if that helps."],
        ],
        resolve: [
          "Hi {first}, access to {system} is set up. Sign out and in again if it doesn't show up right away.",
          "Done: you're in the right group in {system} now. Access is reviewed every quarter, as usual.",
        ],
        notes: ["Administrator rights need security sign-off; asked Arjun.", "Cloned the group memberships of a colleague with the same role.", "Licence count for this system is at 96%, need to tell Procurement soon."],
      },
    },
    {
      slug: "software-licence",
      name: "Software licence",
      description: "A licence for software that is not part of the standard installation.",
      team: "Service Desk",
      priority: "LOW",
      weight: 3,
      fields: [
        { key: "product", label: "Software", kind: "select", required: true, options: ["Adobe Creative Cloud", "Microsoft Visio", "Microsoft Project", "JetBrains IntelliJ IDEA", "Miro", "Zoom Webinar", "Tableau Creator", "Camtasia"] },
        { key: "seats", label: "Number of licences", kind: "number", required: true, integer: true, min: 1, max: 50 },
        { key: "costCentre", label: "Cost centre", kind: "text", maxLength: 20, required: true },
        { key: "reason", label: "Business reason", kind: "textarea", maxLength: 2000 },
        { key: "approver", label: "Approving manager", kind: "person", help: "Who agreed to the cost." },
        { key: "quote", label: "Vendor quote", kind: "file", help: "If you already have one, e.g. a PDF." },
      ],
      draft: (c): Draft => {
        const product = c.r.pick(["Adobe Creative Cloud", "Microsoft Visio", "Microsoft Project", "JetBrains IntelliJ IDEA", "Miro", "Zoom Webinar", "Tableau Creator", "Camtasia"]);
        const seats = c.r.weighted([
          [1, 6],
          [2, 2],
          [3, 1],
          [5, 1],
        ] as const);
        const why: Record<string, string> = {
          "Adobe Creative Cloud": "to edit visuals for our presentations without waiting for the design team",
          "Microsoft Visio": "to document our process flows for the audit",
          "Microsoft Project": "to plan the office move timeline with its dependencies",
          "JetBrains IntelliJ IDEA": "for Java development; the community edition lacks the Spring support we need",
          Miro: "for remote workshops with the team",
          "Zoom Webinar": "for our quarterly customer webinar with more than 300 attendees",
          "Tableau Creator": "to build dashboards, not just view them",
          Camtasia: "to record training videos for new colleagues",
        };
        return {
          title: seats > 1 ? `${product} licences for ${seats} people` : `${product} licence`,
          description: `I need ${seats > 1 ? `${seats} licences` : "a licence"} for ${product} ${why[product] ?? ""}.${seats > 1 ? ` The licences are for me, ${c.colleague()} and others in ${c.requester.dept.name}.` : ""}`,
          values: { product, seats, costCentre: c.requester.dept.costCentre, reason: `Needed ${why[product] ?? "for daily work"}.` },
          vars: { product },
        };
      },
      talk: {
        qa: [["Hi {first}, {product} is a paid add-on. Can you confirm your cost centre owner agrees to the annual cost?", "Yes, confirmed with our head of department, it's in this year's budget."]],
        resolve: ["Hi {first}, the {product} licence is assigned to you. You'll find the app in the Self Service portal.", "Licences assigned. Installation instructions are on the IT wiki page for {product}."],
        notes: ["We have two unused seats from a leaver, reusing those.", "Asked Procurement whether the volume tier changes with these seats."],
      },
    },
    {
      slug: "something-is-broken",
      name: "Something is broken",
      description: "Report a fault: a device, application or service that does not work as it should.",
      team: "Service Desk",
      priority: "HIGH",
      weight: 9,
      fields: [
        { key: "affected", label: "What is affected?", kind: "select", required: true, options: ["Laptop", "Email", "VPN", "Wi-Fi", "Printer", "Phone", "Video conferencing", "Business application", "Other"] },
        { key: "impact", label: "Who is affected?", kind: "select", required: true, options: ["Just me", "My team", "Several teams", "Whole company"] },
        { key: "since", label: "Since when?", kind: "date" },
        { key: "workaround", label: "I have a workaround for now", kind: "checkbox" },
        { key: "errorMessage", label: "Error message", kind: "text", maxLength: 300, help: "Copy the exact text if there is one." },
      ],
      draft: (c): Draft => {
        const site = c.requester.dept.site;
        const scenarios: { affected: string; title: string; description: string; error?: string; wide?: boolean }[] = [
          { affected: "VPN", title: "VPN disconnects every few minutes", description: "When I work from home the VPN drops every 5 to 10 minutes and I lose my session in SAP. I've restarted the laptop and my router, no change." },
          { affected: "VPN", title: "Cannot connect to the VPN from the hotel", description: "I'm travelling this week and the VPN client says 'gateway unreachable' on the hotel Wi-Fi. Mobile hotspot doesn't work either.", error: "Gateway unreachable (error 809)" },
          { affected: "Email", title: "Outlook keeps asking for my password", description: "Since this morning Outlook asks for my password every few minutes. I enter it, it works for a while, then asks again." },
          { affected: "Email", title: "Emails to a customer bounce", description: `Every email I send to ${c.company()} comes back undeliverable. It worked last week.`, error: "550 5.7.1 Message rejected by recipient policy" },
          { affected: "Wi-Fi", title: `No Wi-Fi in the meeting rooms on the 3rd floor (${site})`, description: "Nobody in the 3rd floor meeting rooms can connect to the corporate Wi-Fi. The guest network works but is very slow.", wide: true },
          { affected: "Printer", title: "Printer on the 2nd floor shows a paper jam, but there is no paper stuck", description: "The big printer next to the kitchen on floor 2 shows 'paper jam in tray 3'. We opened everything, there is no paper. Nobody on the floor can print." },
          { affected: "Printer", title: "Cannot print from my Mac to the colour printer", description: "Print jobs to the colour printer just disappear from the queue. Black and white printer works fine." },
          { affected: "Laptop", title: "Laptop shows a blue screen after the update", description: "After last night's update my laptop shows a blue screen on every start. I can only get into safe mode.", error: "CRITICAL_PROCESS_DIED" },
          { affected: "Laptop", title: "Docking station not detecting my monitors", description: "Since I moved desks the docking station charges my laptop but neither monitor gets a signal." },
          { affected: "Video conferencing", title: "Room display in Hudson doesn't join Teams meetings", description: "The room system in Hudson shows the meeting but 'Join' does nothing. We had to move a customer call to a laptop.", wide: true },
          { affected: "Video conferencing", title: "No sound from the speakers in meeting room Borealis", description: "Remote participants can hear us but we hear nothing from them. Checked volume and cables." },
          { affected: "Business application", title: "SAP reports time out", description: "The month-end reports in SAP run into a timeout after 5 minutes. We need them for the close.", error: "Time limit exceeded (TIME_OUT)", wide: true },
          { affected: "Business application", title: "Salesforce extremely slow since this morning", description: "Every page in Salesforce takes 20-30 seconds to load. Colleagues in the team see the same.", wide: true },
          { affected: "Business application", title: "Jira board won't load", description: "Our team board in Jira shows a spinner forever. Other boards work.", error: "Something went wrong. Refresh the page." },
          { affected: "Phone", title: "Company phone not receiving email", description: "My company phone stopped syncing email two days ago. Calendar still syncs." },
          { affected: "Email", title: "Shared calendar not visible any more", description: "The team vacation calendar disappeared from my Outlook. Others still see it." },
        ];
        const s = c.r.pick(scenarios);
        const impact = s.wide ? c.r.weighted([["My team", 3], ["Several teams", 3], ["Whole company", 1]] as const) : c.r.weighted([["Just me", 5], ["My team", 1]] as const);
        const triage: Priority | undefined = impact === "Whole company" ? "URGENT" : impact === "Several teams" ? (c.r.chance(0.3) ? "URGENT" : undefined) : impact === "Just me" ? (c.r.chance(0.6) ? "NORMAL" : undefined) : undefined;
        return {
          title: s.title,
          description: s.description,
          values: { affected: s.affected, impact, since: c.past(0, 3), workaround: c.r.chance(0.4), errorMessage: s.error },
          triage,
          vars: { affected: s.affected.toLowerCase() },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, could you send me a screenshot of the error and the asset tag of your laptop (sticker on the bottom)?", "Screenshot is in my previous message to the team; the asset tag is on the sticker, I've added it below. Thanks for looking."],
          ["Hi {first}, does this still happen after a restart? And are you in the office or at home?", "Still happens after a restart. I'm in the office today, desk near the window on floor 3."],
          ["Hi {first}, we've applied a change on our side. Can you try again and tell me if it works now?", "Tried again just now: it works! I'll keep an eye on it today."],
        ],
        resolve: [
          "Hi {first}, the root cause was a certificate that expired on our side. It's renewed and everything should work again.",
          "Fixed: a configuration change from last week's update caused it and has been rolled back. Sorry for the trouble.",
          "We replaced the faulty part. Please let us know if the {affected} problem comes back.",
          "Resolved with a reinstall of the driver. If you see the issue again, reply here and we'll reopen.",
        ],
        notes: [
          "Same symptom reported twice this week, could be the firmware update. Checking with Lukas.",
          "Vendor ticket opened, reference in the team channel.",
          "Can't reproduce remotely. Will go by the desk after lunch.",
          "Looks related to the DNS change on Tuesday.",
        ],
      },
    },
    {
      slug: "shared-mailbox",
      name: "Shared mailbox or distribution list",
      description: "A new shared mailbox or distribution list, or changes to the members of one.",
      team: "Access Management",
      priority: "LOW",
      weight: 2,
      fields: [
        { key: "kind", label: "What do you need?", kind: "select", required: true, options: ["Shared mailbox", "Distribution list", "Change members"] },
        { key: "address", label: "Address", kind: "text", required: true, maxLength: 120 },
        { key: "owner", label: "Owner", kind: "text", maxLength: 120 },
        { key: "members", label: "Members", kind: "textarea", maxLength: 4000, help: "One name or email address per line." },
      ],
      draft: (c): Draft => {
        const kind = c.r.pick(["Shared mailbox", "Distribution list", "Change members"]);
        const box = c.r.pick(["events", "invoices", "partners", "press", "onboarding", "customer-success", "tenders"]);
        const address = `${box}@example.com`;
        const members = [c.requester.name, c.colleague(), c.colleague()].filter((v, i, a) => a.indexOf(v) === i).join("\n");
        return {
          title: kind === "Change members" ? `Add people to ${address}` : `New ${kind.toLowerCase()} ${address}`,
          description:
            kind === "Change members"
              ? `Please add the people listed below to ${address}. They've joined the team recently and miss messages sent there.`
              : `We'd like a ${kind.toLowerCase()} ${address} for ${c.requester.dept.name}, so that messages don't depend on one person's inbox.`,
          values: { kind, address, owner: c.requester.name, members },
          vars: { address },
        };
      },
      talk: {
        resolve: ["Hi {first}, {address} is set up. It can take up to an hour to appear in Outlook.", "Members updated for {address}."],
      },
    },
  ],
  FAC: [
    {
      slug: "desk-move",
      name: "Desk move",
      description: "Move a person or a team to another desk, with their equipment.",
      team: "Workplace",
      priority: "LOW",
      weight: 4,
      fields: [
        { key: "fromDesk", label: "Current desk", kind: "text", required: true, maxLength: 20, help: "As on the desk label, e.g. B3.14." },
        { key: "toDesk", label: "New desk", kind: "text", required: true, maxLength: 20 },
        { key: "moveDate", label: "Move date", kind: "date", required: true },
        { key: "people", label: "Number of people moving", kind: "number", integer: true, min: 1, max: 40 },
        { key: "items", label: "What moves along", kind: "multiselect", options: ["Monitors", "Docking station", "Desk phone", "Pedestal", "Ergonomic chair", "Plants"] },
      ],
      draft: (c): Draft => {
        const team = c.r.chance(0.35);
        const people = team ? c.r.int(3, 12) : 1;
        const fromDesk = deskLabel(c.r);
        const toDesk = deskLabel(c.r);
        const moveDate = c.date(5, 25);
        return {
          title: team ? `Move ${c.requester.dept.name} (${people} people) to floor ${toDesk.slice(1, 2)}` : `Desk move from ${fromDesk} to ${toDesk}`,
          description: team
            ? `After the reorganisation, ${c.requester.dept.name} moves together to the area around ${toDesk}. ${people} people, moving on ${moveDate}. Could the move happen on the Friday afternoon so that we can start on Monday?`
            : `I'm moving closer to my team. Could my equipment be moved from ${fromDesk} to ${toDesk} on ${moveDate}? ${c.colleague()} already freed the desk.`,
          values: { fromDesk, toDesk, moveDate, people, items: c.r.some(["Monitors", "Docking station", "Desk phone", "Pedestal", "Ergonomic chair", "Plants"], 1, 4) },
          vars: { toDesk, moveDate },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, the movers are booked on Thursdays. Would {moveDate} work if we do it the day before instead?", "Yes, the day before works for us. Thanks!"],
          ["Hi {first}, could you pack personal items in the crates we'll drop at your desk and label them with the new desk number?", "Will do, crates are packed and labelled."],
        ],
        resolve: ["Hi {first}, the move is done: everything is at {toDesk} and the monitors are connected. Welcome to your new spot!", "Move completed. Please check that your docking station works; if not, reply here."],
        notes: ["Movers booked with the usual company, confirmation in the shared inbox.", "Need a cable tray at the new desk, asked Marta."],
      },
    },
    {
      slug: "repair",
      name: "Repair",
      description: "Something in the building is broken: heating, lights, doors, furniture, plumbing.",
      team: "Maintenance",
      priority: "NORMAL",
      weight: 8,
      fields: [
        { key: "location", label: "Where exactly?", kind: "text", required: true, maxLength: 120, help: "Building, floor and room or desk." },
        { key: "category", label: "Category", kind: "select", required: true, options: ["Heating or cooling", "Lighting", "Plumbing", "Doors and locks", "Furniture", "Electrical", "Blinds", "Other"] },
        { key: "safetyRisk", label: "This is a safety risk", kind: "checkbox" },
        { key: "details", label: "Details", kind: "textarea", maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const site = c.requester.dept.site;
        const room = `${c.r.int(1, 5)}.${String(c.r.int(1, 20)).padStart(2, "0")}`;
        const s = c.r.pick([
          { category: "Heating or cooling", title: `Radiator in room ${room} is cold`, text: "The radiator has been cold since Monday, it's about 17 degrees in the room.", risk: false },
          { category: "Heating or cooling", title: "Air conditioning far too cold in the open space", text: "The air conditioning blows cold air directly onto the desks by the window. People are working in jackets.", risk: false },
          { category: "Lighting", title: `Flickering ceiling light above desks near ${room}`, text: "Two ceiling lights flicker constantly, several people have headaches.", risk: false },
          { category: "Plumbing", title: "Leaking tap in the 3rd floor kitchen", text: "The tap in the kitchen drips constantly and there is water under the sink.", risk: false },
          { category: "Plumbing", title: "Toilet on floor 2 blocked", text: "The second toilet in the men's restroom on floor 2 is blocked, I've put a sign on the door.", risk: false },
          { category: "Doors and locks", title: "Badge reader at the side entrance doesn't open", text: "The badge reader at the side entrance beeps red for everyone, so people prop the door open.", risk: true },
          { category: "Doors and locks", title: `Door of meeting room ${room} doesn't close`, text: "The door doesn't latch any more, so meetings can be heard in the corridor.", risk: false },
          { category: "Furniture", title: "Office chair: gas lift broken", text: "My chair sinks to the lowest position within minutes.", risk: false },
          { category: "Furniture", title: "Standing desk stuck at the lowest height", text: "The motor of my standing desk makes a noise but the desk doesn't move.", risk: false },
          { category: "Electrical", title: "Power socket under my desk sparks", text: "When I plug in my charger the socket under the desk sparks. I've stopped using it.", risk: true },
          { category: "Electrical", title: "No power on a row of desks", text: "A whole row of desks has no power since this morning.", risk: false },
          { category: "Blinds", title: `Blinds stuck in meeting room ${room}`, text: "The blinds are stuck half way down and the afternoon sun makes the screen unreadable.", risk: false },
        ] as const);
        return {
          title: s.title,
          description: `${s.text} Location: ${site}, room/desk ${room}.`,
          values: { location: `${site}, ${room}`, category: s.category, safetyRisk: s.risk, details: s.text },
          triage: s.risk ? "URGENT" : c.r.chance(0.15) ? "HIGH" : c.r.chance(0.15) ? "LOW" : undefined,
          vars: { room },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, is the room accessible tomorrow morning between 8 and 9? Our technician would come by then.", "Yes, the room is free then. Thank you!"],
          ["Hi {first}, could you send the exact desk number? The label should be on the front edge of the desk.", "It's the desk by the pillar, I've checked the label and added it to the description."],
        ],
        resolve: [
          "Hi {first}, our technician has fixed it this morning. Let us know if there's still a problem.",
          "Repaired: the part has been replaced. Thanks for reporting it.",
          "This is fixed now. It took a while because the part had to be ordered, sorry for the wait.",
        ],
        notes: ["Part ordered from the supplier, 3 days delivery.", "Contractor needed for this one, requested a quote.", "Building management informed, this is their installation.", "Checked on site: confirmed, needs a replacement."],
      },
    },
    {
      slug: "meeting-room-setup",
      name: "Meeting room setup",
      description: "Furniture layout, catering and equipment for a meeting or workshop.",
      team: "Workplace",
      priority: "NORMAL",
      weight: 4,
      fields: [
        { key: "room", label: "Room", kind: "select", required: true, options: ["Atlas (Berlin, 12)", "Borealis (Berlin, 6)", "Canary Wharf (London, 10)", "Hudson (New York, 14)", "Town hall (Berlin, 80)"] },
        { key: "date", label: "Date", kind: "date", required: true },
        { key: "attendees", label: "Attendees", kind: "number", integer: true, min: 1, max: 200, required: true },
        { key: "layout", label: "Layout", kind: "select", options: ["Boardroom", "Theatre", "Classroom", "U-shape", "Workshop tables"] },
        { key: "catering", label: "Catering", kind: "multiselect", options: ["Coffee and tea", "Water", "Breakfast", "Lunch", "Afternoon snacks", "Vegetarian options", "Vegan options"] },
      ],
      draft: (c): Draft => {
        const room = c.requester.dept.site === "London office" ? "Canary Wharf (London, 10)" : c.requester.dept.site === "New York office" ? "Hudson (New York, 14)" : c.r.pick(["Atlas (Berlin, 12)", "Borealis (Berlin, 6)", "Town hall (Berlin, 80)"]);
        const big = room.startsWith("Town hall");
        const company = c.company();
        const occasion = big ? c.r.pick(["Quarterly all-hands", "Summer kick-off", "Annual planning day"]) : c.r.pick([`Customer workshop with ${company}`, "Quarterly business review", `${c.requester.dept.name} team offsite`, "Interview day", "Board preparation meeting"]);
        const date = c.date(4, 21);
        const attendees = big ? c.r.int(40, 80) : c.r.int(4, 12);
        return {
          title: `Room setup: ${occasion} on ${date}`,
          description: `We're hosting "${occasion}" in ${room.split(" (")[0]} on ${date}, ${attendees} people. ${big ? "We need the stage, two handheld microphones and the livestream." : "Please set up the room and provide coffee in the morning."}`,
          values: { room, date, attendees, layout: big ? "Theatre" : c.r.pick(["Boardroom", "U-shape", "Workshop tables"]), catering: c.r.some(["Coffee and tea", "Water", "Breakfast", "Lunch", "Afternoon snacks", "Vegetarian options"], 1, 4) },
          vars: { occasion },
        };
      },
      talk: {
        qa: [["Hi {first}, do any of your guests have dietary requirements we should tell the caterer about?", "Two vegetarians and one person with a nut allergy. Thanks for asking!"]],
        resolve: ["Hi {first}, all set for {occasion}: room, catering and equipment are booked. Sophie will be on site in the morning.", "Setup confirmed with the caterer. Enjoy the meeting!"],
        notes: ["Caterer confirmed by email.", "Town hall AV needs the external technician, booked."],
      },
    },
    {
      slug: "parking-permit",
      name: "Parking permit",
      description: "A permit for the company car park, permanent or temporary.",
      team: "Workplace",
      priority: "LOW",
      weight: 2,
      fields: [
        { key: "site", label: "Site", kind: "select", required: true, options: SITES },
        { key: "plate", label: "Number plate", kind: "text", required: true, maxLength: 15 },
        { key: "vehicle", label: "Vehicle", kind: "select", required: true, options: ["Car", "Electric car", "Motorbike", "Bicycle"] },
        { key: "from", label: "From", kind: "date", required: true },
        { key: "permanent", label: "Permanent permit", kind: "checkbox" },
      ],
      draft: (c): Draft => {
        const vehicle = c.r.weighted([["Car", 4], ["Electric car", 3], ["Motorbike", 1], ["Bicycle", 1]] as const);
        const plate =
          c.requester.dept.site === "Berlin HQ"
            ? `B-${String.fromCharCode(65 + c.r.int(0, 25))}${String.fromCharCode(65 + c.r.int(0, 25))} ${c.r.int(100, 9999)}${vehicle === "Electric car" ? "E" : ""}`
            : c.requester.dept.site === "London office"
              ? `LK${c.r.int(10, 74)} ${String.fromCharCode(65 + c.r.int(0, 25))}${String.fromCharCode(65 + c.r.int(0, 25))}${String.fromCharCode(65 + c.r.int(0, 25))}`
              : `${c.r.int(100, 999)}-${String.fromCharCode(65 + c.r.int(0, 25))}${String.fromCharCode(65 + c.r.int(0, 25))}${String.fromCharCode(65 + c.r.int(0, 25))}`;
        const permanent = c.r.chance(0.6);
        return {
          title: `${permanent ? "Parking permit" : "Temporary parking permit"} for ${vehicle === "Bicycle" ? "the bike room" : plate}`,
          description: vehicle === "Electric car" ? `I've switched to an electric car and would like a permit for a charging space if possible.` : permanent ? "I've started commuting by car and need a permanent permit." : "My car is my only option while the train line is closed for works (about three weeks).",
          values: { site: c.requester.dept.site, plate: vehicle === "Bicycle" ? "none" : plate, vehicle, from: c.date(1, 10), permanent },
        };
      },
      talk: {
        resolve: ["Hi {first}, your permit is registered: the barrier reads your number plate from tomorrow.", "Permit issued, you can pick up the card at reception."],
        notes: ["Waiting list for charging spaces is 4 people long.", "Car park at 92% on weekdays."],
      },
    },
    {
      slug: "cleaning",
      name: "Cleaning",
      description: "Spills, extra cleaning, waste removal and restroom supplies.",
      team: "Maintenance",
      priority: "NORMAL",
      weight: 2,
      fields: [
        { key: "location", label: "Where?", kind: "text", required: true, maxLength: 120 },
        { key: "kind", label: "What is needed?", kind: "select", required: true, options: ["Spill", "Deep clean", "Waste removal", "Restroom supplies", "Window cleaning"] },
        { key: "details", label: "Details", kind: "textarea", maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { kind: "Spill", title: "Coffee spilled on the carpet in the open space", text: "Someone spilled a full pot of coffee near the kitchen, the carpet is soaked.", triage: "HIGH" as Priority },
          { kind: "Waste removal", title: "Old furniture and boxes to be removed after the move", text: "About 20 moving boxes and two old cabinets are in the corridor since the move." },
          { kind: "Restroom supplies", title: "No soap or paper towels in the 4th floor restrooms", text: "Both restrooms on floor 4 have run out of soap and paper towels." },
          { kind: "Deep clean", title: "Deep clean of the kitchen on floor 3", text: "The fridge hasn't been cleared for weeks and the kitchen smells. Could it be deep cleaned?" },
          { kind: "Window cleaning", title: "Windows in meeting room Atlas are very dirty", text: "We have a customer visit next week and the windows are very dirty on the outside." },
        ]);
        return {
          title: s.title,
          description: s.text,
          values: { location: `${c.requester.dept.site}, floor ${c.r.int(1, 5)}`, kind: s.kind, details: s.text },
          triage: s.triage,
        };
      },
      talk: { resolve: ["Hi {first}, the cleaning team has taken care of it.", "Done, thanks for letting us know."] },
    },
  ],
  FIN: [
    {
      slug: "expense-question",
      name: "Expense question",
      description: "Questions about expense reports, reimbursements and the travel policy.",
      team: "Accounts Payable",
      priority: "LOW",
      weight: 6,
      fields: [
        { key: "reportId", label: "Expense report ID", kind: "text", maxLength: 20, help: "Starts with ER-, if you have one." },
        { key: "amount", label: "Amount", kind: "number", min: 0 },
        { key: "currency", label: "Currency", kind: "select", options: ["EUR", "GBP", "USD"] },
        { key: "category", label: "Category", kind: "select", required: true, options: ["Travel", "Hotel", "Meals", "Client entertainment", "Training", "Equipment", "Other"] },
        { key: "question", label: "Your question", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const cur = currency(c.requester.dept);
        const reportId = `ER-${c.r.int(20100, 24900)}`;
        const s = c.r.pick([
          { category: "Hotel", title: "Hotel in London above the policy limit, is that OK?", q: "The conference hotel costs 260 per night, the policy allows 200. Nothing cheaper was available within walking distance. Can I still book it?", amount: 520 },
          { category: "Travel", title: `Expense report ${reportId} rejected, not sure why`, q: `My expense report ${reportId} was rejected with the comment "receipt missing", but I attached all receipts. Could you check?`, amount: c.r.int(80, 900) },
          { category: "Client entertainment", title: "How do I expense a client dinner?", q: `I took two people from ${c.company()} to dinner. Do I need to list the guests' names, and which category is it?`, amount: c.r.int(120, 450) },
          { category: "Other", title: "Reimbursement missing from last payroll", q: `My report ${reportId} was approved three weeks ago but the money hasn't arrived.`, amount: c.r.int(60, 700) },
          { category: "Equipment", title: "Can I claim a monitor for my home office?", q: "I work from home three days a week. Can I buy a monitor and expense it, and up to what amount?", amount: 249 },
          { category: "Training", title: "Conference ticket: expense or purchase order?", q: "I'd like to attend a two-day conference. Should I pay the ticket myself and expense it, or does it need a PO?", amount: 890 },
          { category: "Meals", title: "Per diem for a trip to New York", q: "What per diem applies for a 4-day business trip to New York, and do I still claim meals separately?", amount: undefined },
        ]);
        return {
          title: s.title,
          description: s.q,
          values: { reportId: s.title.includes("ER-") || s.category === "Other" ? reportId : undefined, amount: s.amount, currency: s.amount ? cur : undefined, category: s.category, question: s.q },
          vars: { reportId },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, could you send us the receipt as a PDF? The photo in the report is unreadable.", "Sorry about that, I've re-uploaded a scan to the report."],
          ["Hi {first}, could you tell us which project or customer this trip was for?", "It was for the quarterly review with our biggest customer; the project code is in the report now."],
        ],
        resolve: [
          "Hi {first}, that's fine this time: the exception is noted on your report. For the future, the policy is on the Finance page of the intranet.",
          "The report is approved and the reimbursement goes out with the next payment run on Friday.",
          "Answered: yes, you can expense it under the category mentioned, with the guests' names and company in the comment field.",
        ],
        notes: ["Checked with the travel policy: exception needs the head of department's OK.", "Payment run failed for this one because of an IBAN typo in Workday."],
      },
    },
    {
      slug: "purchase-order",
      name: "Purchase order",
      description: "Raise a purchase order before ordering goods or services.",
      team: "Controlling",
      priority: "NORMAL",
      weight: 4,
      fields: [
        { key: "supplier", label: "Supplier", kind: "text", required: true, maxLength: 120 },
        { key: "amount", label: "Amount (net)", kind: "number", required: true, min: 1 },
        { key: "currency", label: "Currency", kind: "select", required: true, options: ["EUR", "GBP", "USD"] },
        { key: "costCentre", label: "Cost centre", kind: "text", required: true, maxLength: 20 },
        { key: "budgeted", label: "This is in this year's budget", kind: "checkbox" },
        { key: "what", label: "What are you buying?", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const supplier = c.company();
        const cur = currency(c.requester.dept);
        const s = c.r.pick([
          { what: "consulting days for the CRM data clean-up", amount: c.r.int(8, 40) * 1000 },
          { what: "translation of the product brochure into four languages", amount: c.r.int(2, 9) * 1000 },
          { what: "a one-year subscription for market research data", amount: c.r.int(10, 30) * 1000 },
          { what: "trade fair stand construction", amount: c.r.int(15, 60) * 1000 },
          { what: "leadership training for twelve managers", amount: c.r.int(9, 25) * 1000 },
          { what: "replacement of the kitchen appliances on floor 3", amount: c.r.int(3, 12) * 1000 },
        ]);
        const budgeted = c.r.chance(0.75);
        return {
          title: `PO for ${supplier}: ${s.what} (${money(s.amount, cur)})`,
          description: `Please raise a PO for ${supplier} for ${s.what}, ${money(s.amount, cur)} net. The quote is agreed and they can start as soon as the PO is out.${budgeted ? "" : " This was not in the original budget; our head of department has approved it."}`,
          values: { supplier, amount: s.amount, currency: cur, costCentre: c.requester.dept.costCentre, budgeted, what: s.what },
          triage: s.amount > 40000 ? "HIGH" : undefined,
          vars: { supplier },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, {supplier} isn't in our supplier master yet. Could you ask them for their bank details and VAT number, or file a new supplier request with Procurement?", "I've filed the supplier request with Procurement and attached their details there."],
          ["Hi {first}, this is above your approval limit. Could your head of department approve it here?", "My head of department has approved it, see their message in the email thread I forwarded to Finance."],
        ],
        resolve: ["Hi {first}, the PO is raised and sent to {supplier}. Please make sure the invoice quotes the PO number.", "PO created and approved. You'll find it in SAP under your name."],
        notes: ["Budget check: cost centre has enough left this quarter.", "Over 25k: needs a second quote per policy, asked Procurement."],
      },
    },
    {
      slug: "supplier-payment",
      name: "Supplier payment",
      description: "Overdue payments, payment runs and wrong amounts paid to suppliers.",
      team: "Accounts Payable",
      priority: "NORMAL",
      weight: 4,
      fields: [
        { key: "supplier", label: "Supplier", kind: "text", required: true, maxLength: 120 },
        { key: "invoiceNumber", label: "Invoice number", kind: "text", required: true, maxLength: 40 },
        { key: "amount", label: "Amount", kind: "number", required: true, min: 0 },
        { key: "currency", label: "Currency", kind: "select", required: true, options: ["EUR", "GBP", "USD"] },
        { key: "dueDate", label: "Due date", kind: "date", required: true },
        { key: "issue", label: "Issue", kind: "select", required: true, options: ["Payment overdue", "Urgent payment needed", "Wrong amount paid", "Change of bank details"] },
      ],
      draft: (c): Draft => {
        const supplier = c.company();
        const cur = currency(c.requester.dept);
        const invoiceNumber = `INV-${c.r.int(2025, 2026)}-${c.r.int(1000, 9999)}`;
        const amount = c.r.int(4, 400) * 50;
        const issue = c.r.weighted([["Payment overdue", 4], ["Urgent payment needed", 2], ["Wrong amount paid", 1], ["Change of bank details", 1]] as const);
        const text: Record<string, string> = {
          "Payment overdue": `${supplier} reminded us that invoice ${invoiceNumber} (${money(amount, cur)}) is overdue and threatens to pause the service. The goods were received, the invoice is approved on my side.`,
          "Urgent payment needed": `${supplier} only starts the work after payment of invoice ${invoiceNumber}. Could it go out in this week's payment run?`,
          "Wrong amount paid": `We paid ${money(amount * 2, cur)} on invoice ${invoiceNumber} instead of ${money(amount, cur)}. ${supplier} asks how we want to handle the credit.`,
          "Change of bank details": `${supplier} informed me that their bank details have changed. Their letter is below. Please update before the next payment.`,
        };
        return {
          title: `${issue}: ${supplier} invoice ${invoiceNumber}`,
          description: text[issue]!,
          values: { supplier, invoiceNumber, amount, currency: cur, dueDate: c.past(0, 20), issue },
          triage: issue === "Urgent payment needed" ? "HIGH" : issue === "Payment overdue" && c.r.chance(0.2) ? "URGENT" : undefined,
          vars: { supplier, invoiceNumber },
        };
      },
      talk: {
        qa: [["Hi {first}, we can't find {invoiceNumber} in our system. Could you forward the invoice PDF to invoices@example.com?", "Forwarded just now, it should be there in a minute."]],
        resolve: ["Hi {first}, {invoiceNumber} is paid today; the supplier should see it within two working days.", "Payment released in today's run. Remittance advice is sent to {supplier}."],
        notes: ["Bank detail changes are verified by phone with a known contact, fraud check done.", "Invoice was stuck in approval with a leaver, rerouted."],
      },
    },
    {
      slug: "budget-report",
      name: "Budget report",
      description: "An extract of actuals against budget for a cost centre.",
      team: "Controlling",
      priority: "LOW",
      weight: 2,
      fields: [
        { key: "costCentre", label: "Cost centre", kind: "text", required: true, maxLength: 20 },
        { key: "period", label: "Period", kind: "select", required: true, options: ["Current month", "Last month", "Current quarter", "Year to date"] },
        { key: "format", label: "Format", kind: "select", options: ["Excel", "PDF"] },
        { key: "notes", label: "Anything specific?", kind: "textarea", maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const period = c.r.pick(["Current month", "Last month", "Current quarter", "Year to date"]);
        return {
          title: `Budget vs actuals for ${c.requester.dept.costCentre} (${period.toLowerCase()})`,
          description: `Could I get the budget vs actuals for ${c.requester.dept.name} (${c.requester.dept.costCentre}), ${period.toLowerCase()}, broken down by account? It's for our planning meeting.`,
          values: { costCentre: c.requester.dept.costCentre, period, format: "Excel", notes: "Broken down by account, with committed POs if possible." },
        };
      },
      talk: { resolve: ["Hi {first}, the report is in your inbox. Committed POs are on the second sheet.", "Sent you the Excel extract; let me know if the breakdown works for you."] },
    },
    {
      slug: "corporate-card",
      name: "Corporate card",
      description: "New cards, limit changes and lost or stolen cards.",
      team: "Accounts Payable",
      priority: "NORMAL",
      weight: 2,
      fields: [
        { key: "action", label: "What do you need?", kind: "select", required: true, options: ["New card", "Limit increase", "Lost or stolen card", "Cancel card"] },
        { key: "monthlyLimit", label: "Monthly limit requested", kind: "number", integer: true, min: 0, max: 50000 },
        { key: "reason", label: "Reason", kind: "textarea", maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const action = c.r.weighted([["New card", 3], ["Limit increase", 2], ["Lost or stolen card", 1], ["Cancel card", 1]] as const);
        const text: Record<string, string> = {
          "New card": "I'm travelling to customers twice a month now and would like a corporate card instead of paying privately.",
          "Limit increase": "I'm organising the team offsite and the venue deposit is above my card limit. Could the limit go up for this month?",
          "Lost or stolen card": "My corporate card was stolen from my bag on the train this morning. I've already called the bank's hotline to block it.",
          "Cancel card": `${c.colleague()} has left the company; their card should be cancelled.`,
        };
        return {
          title: action === "Lost or stolen card" ? "Corporate card stolen" : action === "Cancel card" ? "Cancel corporate card of a leaver" : `${action}: corporate card`,
          description: text[action]!,
          values: { action, monthlyLimit: action === "New card" ? 3000 : action === "Limit increase" ? 10000 : undefined, reason: text[action] },
          triage: action === "Lost or stolen card" ? "URGENT" : undefined,
        };
      },
      talk: { resolve: ["Hi {first}, done. The new card is on its way to the office and should arrive within 5 working days.", "The change is made with the bank and effective immediately."] },
    },
  ],
  HR: [
    {
      slug: "employment-letter",
      name: "Employment confirmation letter",
      description: "A letter confirming your employment, e.g. for a visa, a flat or a bank.",
      team: "People Operations",
      priority: "LOW",
      weight: 4,
      fields: [
        { key: "purpose", label: "Purpose", kind: "select", required: true, options: ["Visa application", "Renting a flat", "Mortgage or bank", "Other"] },
        { key: "language", label: "Language", kind: "select", required: true, options: ["English", "German"] },
        { key: "includeSalary", label: "Include my salary", kind: "checkbox" },
        { key: "neededBy", label: "Needed by", kind: "date" },
      ],
      draft: (c): Draft => {
        const purpose = c.r.pick(["Visa application", "Renting a flat", "Mortgage or bank", "Other"]);
        const language = c.requester.dept.timeZone === "Europe/Berlin" ? c.r.pick(["German", "English"]) : "English";
        const text: Record<string, string> = {
          "Visa application": "I'm applying for a visa for a family trip and the embassy asks for a letter from my employer confirming my position and that I'll return to work.",
          "Renting a flat": "The landlord of a flat I'm applying for needs a confirmation of employment, ideally this week.",
          "Mortgage or bank": "My bank needs an employment confirmation including salary for a mortgage application.",
          Other: "I need a confirmation of employment for my child's kindergarten application.",
        };
        return {
          title: `Employment confirmation letter for ${{ "Visa application": "a visa application", "Renting a flat": "renting a flat", "Mortgage or bank": "my bank", Other: "a kindergarten application" }[purpose]}`,
          description: text[purpose]!,
          values: { purpose, language, includeSalary: purpose === "Mortgage or bank" || purpose === "Renting a flat", neededBy: c.date(2, 10) },
        };
      },
      talk: {
        resolve: ["Hi {first}, your letter is signed and in your Workday documents. A paper copy is in your pigeonhole.", "The letter is ready: I've sent it to you as a signed PDF."],
      },
    },
    {
      slug: "payroll-question",
      name: "Payroll question",
      description: "Your payslip, overtime, bonuses, deductions and tax.",
      team: "Payroll",
      priority: "NORMAL",
      weight: 5,
      fields: [
        { key: "topic", label: "Topic", kind: "select", required: true, options: ["Missing overtime", "Tax code or class", "Bonus payment", "Deductions", "Bank details change", "Other"] },
        { key: "payMonth", label: "Pay month", kind: "date", help: "Any day in the month of the payslip." },
        { key: "details", label: "Details", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { topic: "Missing overtime", title: "Overtime from last month not paid", text: "I worked 12 hours of approved overtime for the release weekend, but they are not on my payslip." },
          { topic: "Tax code or class", title: "Wrong tax class on my payslip", text: "I got married in spring and changed my tax class, but the payslip still shows the old one." },
          { topic: "Bonus payment", title: "Question about my bonus payment", text: "The bonus on my payslip is lower than in my bonus letter. Is part of it paid later?" },
          { topic: "Deductions", title: "Unknown deduction on my payslip", text: "There is a deduction called 'BAV Umwandlung' I don't recognise. Did I sign up for something?" },
          { topic: "Bank details change", title: "New bank account for my salary", text: "I've moved to a new bank. From next month, please pay my salary into the new account; I've updated it in Workday but want to be sure." },
          { topic: "Other", title: "Payslip not in Workday this month", text: "I can't find this month's payslip in Workday. Colleagues already have theirs." },
        ]);
        return {
          title: s.title,
          description: s.text,
          values: { topic: s.topic, payMonth: c.past(5, 30), details: s.text },
          vars: { topic: s.topic.toLowerCase() },
        };
      },
      talk: {
        qa: [["Hi {first}, could you tell me the dates of the overtime and who approved it? I can't see an approval in the time tracking.", "It was the two days of the release weekend; my team lead approved it in the tool on Monday."]],
        resolve: [
          "Hi {first}, you're right, this was missed. The correction will be on next month's payslip.",
          "Hi {first}, I've checked: the amount is correct, the rest is paid with the March payroll as stated in the letter. Let me know if you have more questions.",
          "The change is made for the next payroll run.",
        ],
        notes: ["Correction run needed, adding to the list for the payroll provider.", "Checked with the payroll provider, confirmed."],
      },
    },
    {
      slug: "parental-leave",
      name: "Parental leave",
      description: "Plan parental leave and your return to work.",
      team: "People Operations",
      priority: "NORMAL",
      weight: 2,
      fields: [
        { key: "startDate", label: "First day of leave", kind: "date", required: true },
        { key: "weeks", label: "Number of weeks", kind: "number", integer: true, min: 1, max: 156, required: true },
        { key: "partTimeReturn", label: "I'd like to return part-time", kind: "checkbox" },
        { key: "notes", label: "Anything else", kind: "textarea", maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const weeks = c.r.pick([8, 12, 26, 52]);
        const partTime = c.r.chance(0.4);
        return {
          title: `Parental leave from ${c.date(40, 120)}`,
          description: `I'm expecting a child and would like to take ${weeks} weeks of parental leave. ${partTime ? "Afterwards I'd like to return part-time (about 30 hours) for a while." : "I'll come back full-time afterwards."} What do I need to submit, and by when?`,
          values: { startDate: c.date(40, 120), weeks, partTimeReturn: partTime, notes: "Manager informed." },
        };
      },
      talk: {
        qa: [["Hi {first}, congratulations! Could you send us the expected date of birth so we can prepare the paperwork?", "Thank you! I've sent the certificate from the doctor to you by internal mail."]],
        resolve: ["Hi {first}, everything is prepared: the confirmation is in your Workday documents, and your manager is informed about the dates.", "All set. We'll get in touch six weeks before your return to plan it together."],
        notes: ["Handover plan to be agreed with the manager.", "Part-time return: needs the head of department's agreement."],
      },
    },
    {
      slug: "training-budget",
      name: "Training budget",
      description: "Courses, certifications and conferences paid from the training budget.",
      team: "People Operations",
      priority: "LOW",
      weight: 3,
      fields: [
        { key: "course", label: "Course or conference", kind: "text", required: true, maxLength: 160 },
        { key: "provider", label: "Provider", kind: "text", maxLength: 120 },
        { key: "cost", label: "Cost", kind: "number", min: 0 },
        { key: "startDate", label: "Start date", kind: "date" },
        { key: "relevance", label: "How does it help in your role?", kind: "textarea", required: true, maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const course = c.r.pick([
          { course: "AWS Solutions Architect Associate", provider: "Amazon Web Services", cost: 1200 },
          { course: "Certified Scrum Product Owner", provider: "Scrum Alliance", cost: 1400 },
          { course: "Negotiation skills for buyers", provider: "CIPS", cost: 900 },
          { course: "Advanced Excel and Power Query", provider: "LinkedIn Learning", cost: 300 },
          { course: "GDPR practitioner certificate", provider: "IAPP", cost: 1800 },
          { course: "Presentation skills workshop", provider: "Blue Harbor Consulting", cost: 650 },
          { course: "SaaStr Europa conference", provider: "SaaStr", cost: 1100 },
        ]);
        return {
          title: `Training: ${course.course}`,
          description: `I'd like to attend "${course.course}" by ${course.provider} (${money(course.cost, currency(c.requester.dept))}). My manager supports it and it fits my development plan.`,
          values: { course: course.course, provider: course.provider, cost: course.cost, startDate: c.date(20, 70), relevance: `It builds skills I need as ${c.requester.title}.` },
          vars: { course: course.course },
        };
      },
      talk: {
        resolve: ["Hi {first}, approved from the training budget. Please book it yourself and expense it, or ask us for a PO if the provider invoices the company.", "Approved! Enjoy {course}, and share what you learned with the team."],
        notes: ["Remaining training budget for this department: about 40%.", "Similar request from the same team last month, could be a group booking."],
      },
    },
    {
      slug: "new-starter",
      name: "New starter onboarding",
      description: "Prepare contract, accounts and first day for a new colleague.",
      team: "People Operations",
      priority: "HIGH",
      weight: 3,
      fields: [
        { key: "starterName", label: "Name of the new starter", kind: "text", required: true, maxLength: 120 },
        { key: "jobTitle", label: "Job title", kind: "text", required: true, maxLength: 120 },
        { key: "startDate", label: "Start date", kind: "date", required: true },
        { key: "location", label: "Location", kind: "select", required: true, options: ["Berlin", "London", "New York", "Remote"] },
        { key: "buddy", label: "Onboarding buddy", kind: "text", maxLength: 120 },
      ],
      draft: (c): Draft => {
        const starter = c.r.pick(NEW_STARTERS);
        const jobs: Record<DeptKey, string[]> = {
          IT: ["Software Engineer", "Data Analyst", "IT Support Specialist"],
          FAC: ["Facilities Assistant", "Office Manager"],
          FIN: ["Financial Analyst", "Accountant"],
          HR: ["HR Generalist", "Recruiter"],
          LEG: ["Paralegal", "Legal Counsel"],
          PRO: ["Buyer", "Procurement Analyst"],
          MKT: ["Marketing Specialist", "Content Designer"],
          OPS: ["Account Executive", "Sales Development Representative"],
          SEC: ["Security Analyst"],
          TRV: ["Travel Coordinator"],
          DAT: ["Data Analyst", "Analytics Engineer"],
          COM: ["Communications Specialist"],
        };
        const jobTitle = c.r.pick(jobs[c.requester.dept.key]);
        const startDate = c.date(10, 35);
        return {
          title: `Onboarding ${starter}, ${jobTitle}, starting ${startDate}`,
          description: `${starter} signed and starts as ${jobTitle} in ${c.requester.dept.name} on ${startDate}. Please prepare the contract paperwork and the first-day plan. IT is informed separately for the laptop.`,
          values: { starterName: starter, jobTitle, startDate, location: c.r.chance(0.15) ? "Remote" : ({ "Berlin HQ": "Berlin", "London office": "London", "New York office": "New York" }[c.requester.dept.site] ?? "Berlin"), buddy: c.colleague() },
          vars: { starter },
        };
      },
      talk: {
        qa: [["Hi {first}, could you confirm {starter}'s private email address? We need it to send the welcome pack.", "Sure, I've sent it to you directly so it doesn't sit in the ticket."]],
        resolve: ["Hi {first}, everything is ready for {starter}: contract countersigned, accounts requested, and the welcome session is in their calendar.", "Onboarding prepared. {starter} will get the welcome email a week before the start."],
        notes: ["Background check cleared.", "Reminder: welcome lunch budget approved."],
      },
    },
  ],
  LEG: [
    {
      slug: "contract-review",
      name: "Contract review",
      description: "Review of a contract before signature: ours or the other side's template.",
      team: "Contracts",
      priority: "NORMAL",
      weight: 5,
      fields: [
        { key: "counterparty", label: "Counterparty", kind: "text", required: true, maxLength: 120 },
        { key: "contractType", label: "Contract type", kind: "select", required: true, options: ["Master services agreement", "Statement of work", "Data processing agreement", "Reseller agreement", "Lease", "Other"] },
        { key: "value", label: "Contract value (per year)", kind: "number", min: 0 },
        { key: "deadline", label: "Signature deadline", kind: "date" },
        { key: "ourTemplate", label: "It is on our template", kind: "checkbox" },
      ],
      draft: (c): Draft => {
        const counterparty = c.company();
        const contractType = c.r.pick(["Master services agreement", "Statement of work", "Data processing agreement", "Reseller agreement", "Lease", "Other"]);
        const value = c.r.int(2, 120) * 1000;
        const deadline = c.date(3, 20);
        return {
          title: `Review ${contractType.toLowerCase()} with ${counterparty}`,
          description: `${counterparty} sent us their ${contractType.toLowerCase()} and would like to sign by ${deadline}. Value about ${money(value, currency(c.requester.dept))} per year. Their liability clause looks one-sided to me.`,
          values: { counterparty, contractType, value, deadline, ourTemplate: c.r.chance(0.3) },
          triage: c.r.chance(0.2) ? "HIGH" : undefined,
          vars: { counterparty },
        };
      },
      talk: {
        qa: [
          ["Hi {first}, could you send the latest Word version, not the PDF? We need to mark up changes.", "Attached the Word file in my email to you, that's the latest version from {counterparty}."],
          ["Hi {first}, is {counterparty} processing personal data for us under this contract?", "Yes, they'll have access to customer contact data for support."],
        ],
        resolve: [
          "Hi {first}, our mark-up is in your inbox. The main change is the liability cap; the rest is standard. Once they accept, it's OK to sign.",
          "Reviewed and approved for signature with the changes agreed on the call with {counterparty}.",
        ],
        notes: ["Liability unlimited on their side: not acceptable, proposing 12 months' fees.", "Needs a DPA as well, looping in Samuel.", "Second round of comments received from the other side."],
      },
    },
    {
      slug: "nda",
      name: "NDA",
      description: "A non-disclosure agreement on our template, ready for signature.",
      team: "Contracts",
      priority: "LOW",
      weight: 4,
      fields: [
        { key: "counterparty", label: "Counterparty", kind: "text", required: true, maxLength: 120 },
        { key: "direction", label: "Type", kind: "select", required: true, options: ["Mutual", "One-way (we disclose)", "One-way (they disclose)"] },
        { key: "purpose", label: "Purpose", kind: "textarea", required: true, maxLength: 2000 },
        { key: "signatory", label: "Their signatory", kind: "text", maxLength: 120 },
      ],
      draft: (c): Draft => {
        const counterparty = c.company();
        const purpose = c.r.pick(["evaluating a possible partnership", "a pilot project with their team", "sharing our product roadmap ahead of a renewal", "a joint marketing campaign", "a tender in which we take part"]);
        return {
          title: `NDA with ${counterparty}`,
          description: `We need a mutual NDA with ${counterparty} for ${purpose}. First meeting is next week.`,
          values: { counterparty, direction: c.r.weighted([["Mutual", 5], ["One-way (we disclose)", 1], ["One-way (they disclose)", 1]] as const), purpose: `For ${purpose}.`, signatory: `Head of Partnerships, ${counterparty}` },
          vars: { counterparty },
        };
      },
      talk: { resolve: ["Hi {first}, the NDA with {counterparty} is out for e-signature. You'll get a copy when both sides have signed.", "Signed by both parties, the copy is in the contract repository."] },
    },
    {
      slug: "data-protection",
      name: "Data protection question",
      description: "New tools with personal data, data subject requests, incidents and transfers.",
      team: "Compliance",
      priority: "NORMAL",
      weight: 3,
      fields: [
        { key: "topic", label: "Topic", kind: "select", required: true, options: ["New tool with personal data", "Data subject request", "Possible data breach", "Transfer outside the EU", "Marketing consent", "Other"] },
        { key: "personalData", label: "Personal data involved", kind: "multiselect", options: ["Names and contact details", "Employee data", "Customer data", "Health data", "Financial data", "None"] },
        { key: "details", label: "Details", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { topic: "New tool with personal data", title: "Can we use a new survey tool for customer feedback?", text: `We'd like to use a survey tool from ${c.company()} to ask customers for feedback. It stores names and email addresses in the US.`, data: ["Names and contact details", "Customer data"] },
          { topic: "Data subject request", title: "Customer asks for all data we hold about them", text: "A customer contact asked for a copy of all personal data we hold about her, referring to Article 15 GDPR.", data: ["Customer data"] },
          { topic: "Possible data breach", title: "Spreadsheet with customer data sent to the wrong recipient", text: "A colleague sent a spreadsheet with about 200 customer contacts to an external address by mistake. The recipient has confirmed deleting it.", data: ["Names and contact details", "Customer data"], triage: "URGENT" as Priority },
          { topic: "Transfer outside the EU", title: "Sharing employee data with the New York team", text: "Our New York colleagues need access to the Berlin team's HR dashboards. Is that allowed?", data: ["Employee data"] },
          { topic: "Marketing consent", title: "Can we email event attendees about our new product?", text: "We have the attendee list from the trade fair. Can we send them our newsletter?", data: ["Names and contact details"] },
        ]);
        return {
          title: s.title,
          description: s.text,
          values: { topic: s.topic, personalData: s.data, details: s.text },
          triage: s.triage,
        };
      },
      talk: {
        qa: [["Hi {first}, could you tell me where exactly the data is stored and who has access to it?", "It's stored in the vendor's EU data centre; only our team of five has access."]],
        resolve: [
          "Hi {first}, this is OK under the following conditions: sign the DPA (I've sent it), limit access to the team, and delete the data after 12 months.",
          "Handled: the request is answered within the deadline and documented in the register.",
          "Assessed: no notification to the authority needed, documented in the incident register. Thanks for reporting it so quickly.",
        ],
        notes: ["72-hour clock for the authority: assessed as low risk.", "Vendor's sub-processor list reviewed.", "Added to the record of processing activities."],
      },
    },
    {
      slug: "legal-advice",
      name: "Legal advice",
      description: "Any other legal question: employment, competition, IP, marketing claims, gifts.",
      team: "Compliance",
      priority: "NORMAL",
      weight: 2,
      fields: [
        { key: "area", label: "Area", kind: "select", required: true, options: ["Employment law", "Competition law", "Intellectual property", "Marketing claims", "Gifts and hospitality", "Other"] },
        { key: "question", label: "Your question", kind: "textarea", required: true, maxLength: 4000 },
        { key: "deadline", label: "Answer needed by", kind: "date" },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { area: "Marketing claims", title: "Can we call our product 'the fastest on the market'?", q: "For the new campaign we'd like to use 'the fastest on the market'. We have a benchmark from last year. Is that enough?" },
          { area: "Gifts and hospitality", title: `Invitation from ${c.company()} to a football match`, q: "A supplier invited me and a colleague to a Champions League match including dinner. Can we accept?" },
          { area: "Intellectual property", title: "Using stock photos from a free website in a brochure", q: "Can we use photos from a free stock website in a printed brochure, or do we need a licence?" },
          { area: "Competition law", title: "Trade association meeting: what not to discuss", q: "I'm attending a trade association meeting with competitors next month. What topics should I avoid?" },
        ]);
        return {
          title: s.title,
          description: s.q,
          values: { area: s.area, question: s.q, deadline: c.date(5, 20) },
        };
      },
      talk: { resolve: ["Hi {first}, short answer: yes, with conditions. Details are in my email; happy to talk it through.", "Answered by email with the guidance; closing this here."] },
    },
  ],
  PRO: [
    {
      slug: "new-supplier",
      name: "New supplier",
      description: "Onboard a new supplier so that we can order from them and pay them.",
      team: "Purchasing",
      priority: "NORMAL",
      weight: 4,
      fields: [
        { key: "supplierName", label: "Supplier name", kind: "text", required: true, maxLength: 120 },
        { key: "website", label: "Website", kind: "text", maxLength: 200 },
        { key: "country", label: "Country", kind: "select", required: true, options: ["Germany", "United Kingdom", "United States", "France", "Netherlands", "Poland", "India", "Other"] },
        { key: "category", label: "Category", kind: "select", required: true, options: ["IT hardware", "Software / SaaS", "Professional services", "Marketing services", "Facilities services", "Travel", "Other"] },
        { key: "annualSpend", label: "Expected annual spend", kind: "number", min: 0 },
      ],
      draft: (c): Draft => {
        const name = c.r.pick(["Brightline Media", "Lakeshore Analytics", "Nordwerk GmbH", "Harbour Print Ltd", "Pixel & Post", "Kestrel Security", "Greenleaf Catering", "Atlas Translations"]);
        const category = c.r.pick(["IT hardware", "Software / SaaS", "Professional services", "Marketing services", "Facilities services", "Travel", "Other"]);
        const country = c.r.pick(["Germany", "United Kingdom", "United States", "France", "Netherlands", "Poland"]);
        const spend = c.r.int(5, 150) * 1000;
        return {
          title: `New supplier: ${name} (${category})`,
          description: `We'd like to work with ${name} (${country}) for ${category.toLowerCase()}. Expected spend about ${money(spend, currency(c.requester.dept))} per year. They're the only ones who could deliver in time in our comparison.`,
          values: { supplierName: name, website: `https://www.${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`, country, category, annualSpend: spend },
          vars: { supplier: name },
        };
      },
      talk: {
        qa: [["Hi {first}, for spend above 25k we need two more quotes or a short justification for the single source. Could you add one?", "They're the only certified partner for our software in the region; I've written two lines of justification below."]],
        resolve: ["Hi {first}, {supplier} is set up in SAP and you can raise purchase orders now.", "Supplier onboarded, including the compliance check."],
        notes: ["Sanctions and credit check ok.", "Waiting for the supplier's W-9 / VAT certificate.", "Supplier questionnaire returned incomplete, chasing."],
      },
    },
    {
      slug: "quotation",
      name: "Request for quotation",
      description: "We get quotes from suppliers for you and negotiate the price.",
      team: "Strategic Sourcing",
      priority: "NORMAL",
      weight: 3,
      fields: [
        { key: "item", label: "What do you need?", kind: "text", required: true, maxLength: 160 },
        { key: "quantity", label: "Quantity", kind: "number", integer: true, min: 1 },
        { key: "budget", label: "Budget", kind: "number", min: 0 },
        { key: "neededBy", label: "Needed by", kind: "date", required: true },
        { key: "preferredSuppliers", label: "Suppliers you know", kind: "textarea", maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { item: "Noise-cancelling headsets for the support team", qty: c.r.int(10, 40), unit: 180 },
          { item: "Video production for the product launch", qty: 1, unit: 25000 },
          { item: "External penetration test of the customer portal", qty: 1, unit: 18000 },
          { item: "Ergonomic chairs for the London office", qty: c.r.int(8, 30), unit: 450 },
          { item: "Translation services framework agreement", qty: 1, unit: 30000 },
          { item: "Coffee machines for all kitchens", qty: c.r.int(4, 9), unit: 2200 },
        ]);
        return {
          title: `Quotes for: ${s.item}`,
          description: `Could you get quotes for ${s.item.toLowerCase()}${s.qty > 1 ? ` (${s.qty} units)` : ""}? Budget is around ${money(s.qty * s.unit, currency(c.requester.dept))}.`,
          values: { item: s.item, quantity: s.qty, budget: s.qty * s.unit, neededBy: c.date(15, 45), preferredSuppliers: c.r.chance(0.5) ? `${c.company()}\n${c.company()}` : undefined },
          vars: { item: s.item.toLowerCase() },
        };
      },
      talk: {
        qa: [["Hi {first}, we have three quotes. The cheapest doesn't include installation. Is installation needed?", "Yes, installation is needed; we don't have anyone in-house for that."]],
        resolve: ["Hi {first}, we negotiated 12% off the best quote; the comparison is in your inbox. You can raise the PO now.", "Quotes compared and the supplier selected together with you. Closing this on our side."],
        notes: ["Three suppliers invited, deadline Friday.", "Framework agreement already covers this category, check first."],
      },
    },
    {
      slug: "catalogue-order",
      name: "Catalogue order",
      description: "Standard items from our catalogue with agreed prices.",
      team: "Purchasing",
      priority: "LOW",
      weight: 4,
      fields: [
        { key: "item", label: "Item", kind: "select", required: true, options: ["Office chair", "Standing desk", "Monitor 27 inch", "Headset", "Webcam", "Keyboard and mouse", "Whiteboard", "Mobile phone"] },
        { key: "quantity", label: "Quantity", kind: "number", required: true, integer: true, min: 1, max: 100 },
        { key: "deliverTo", label: "Deliver to", kind: "select", required: true, options: [...SITES, "Home office"] },
        { key: "costCentre", label: "Cost centre", kind: "text", required: true, maxLength: 20 },
      ],
      draft: (c): Draft => {
        const item = c.r.pick(["Office chair", "Standing desk", "Monitor 27 inch", "Headset", "Webcam", "Keyboard and mouse", "Whiteboard", "Mobile phone"]);
        const quantity = c.r.weighted([[1, 6], [2, 2], [5, 1], [10, 1]] as const);
        const deliverTo = c.r.chance(0.2) ? "Home office" : c.requester.dept.site;
        return {
          title: quantity > 1 ? `Order ${quantity} x ${item.toLowerCase()}` : `New ${item.toLowerCase()}`,
          description: `Please order ${quantity} x ${item.toLowerCase()} for ${c.requester.dept.name}, delivery to ${deliverTo.toLowerCase()}.`,
          values: { item, quantity, deliverTo, costCentre: c.requester.dept.costCentre },
          vars: { item: item.toLowerCase() },
        };
      },
      talk: { resolve: ["Hi {first}, ordered. Delivery is expected within 5 working days.", "Ordered and delivered to reception this morning."] },
    },
    {
      slug: "contract-renewal",
      name: "Supplier contract renewal",
      description: "A supplier contract is about to renew: renew, renegotiate or cancel.",
      team: "Strategic Sourcing",
      priority: "HIGH",
      weight: 2,
      fields: [
        { key: "supplier", label: "Supplier", kind: "text", required: true, maxLength: 120 },
        { key: "renewalDate", label: "Renewal or notice date", kind: "date", required: true },
        { key: "annualValue", label: "Annual value", kind: "number", min: 0 },
        { key: "action", label: "What would you like?", kind: "select", required: true, options: ["Renew as is", "Renegotiate", "Cancel", "Not sure"] },
      ],
      draft: (c): Draft => {
        const supplier = c.company();
        const renewalDate = c.date(10, 40);
        const action = c.r.pick(["Renew as is", "Renegotiate", "Cancel", "Not sure"]);
        const value = c.r.int(10, 200) * 1000;
        return {
          title: `Contract with ${supplier} renews on ${renewalDate}`,
          description: `Our contract with ${supplier} (${money(value, currency(c.requester.dept))} per year) renews automatically on ${renewalDate} unless we give notice. ${action === "Cancel" ? "We no longer use the service much and would like to cancel." : action === "Renegotiate" ? "Usage has dropped by a third; we'd like to renegotiate the volume." : action === "Renew as is" ? "We're happy with the service and would renew as is." : "We're not sure whether we still need all of it; could you advise?"}`,
          values: { supplier, renewalDate, annualValue: value, action },
          vars: { supplier },
        };
      },
      talk: {
        resolve: ["Hi {first}, handled with {supplier} before the notice date, as agreed with you. The outcome is documented in the contract repository.", "Done: we've agreed the next term with {supplier}; the details are in your inbox."],
        notes: ["Notice period is 90 days, tight.", "Benchmark from two other suppliers collected."],
      },
    },
  ],
  MKT: [
    {
      slug: "design-request",
      name: "Design request",
      description: "Slides, one-pagers, social graphics and other designed material.",
      team: "Brand & Design",
      priority: "NORMAL",
      weight: 5,
      fields: [
        { key: "deliverables", label: "Deliverables", kind: "multiselect", required: true, options: ["Slide deck", "One-pager", "Social media graphic", "Banner", "Poster", "Infographic", "Email header"] },
        { key: "dueDate", label: "Due date", kind: "date", required: true },
        { key: "audience", label: "Audience", kind: "select", options: ["Customers", "Partners", "Employees", "Investors"] },
        { key: "brief", label: "Brief", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { what: "One-pager for the new analytics add-on", d: ["One-pager"], aud: "Customers" },
          { what: "Slide deck for the customer advisory board", d: ["Slide deck"], aud: "Customers" },
          { what: "Poster for the office summer party", d: ["Poster"], aud: "Employees" },
          { what: "Infographic of our year in numbers", d: ["Infographic", "Social media graphic"], aud: "Partners" },
          { what: "Recruiting banner for the careers fair", d: ["Banner", "Social media graphic"], aud: "Employees" },
          { what: "Investor update slides", d: ["Slide deck"], aud: "Investors" },
          { what: "Email header for the partner newsletter", d: ["Email header"], aud: "Partners" },
        ]);
        return {
          title: s.what,
          description: `We need a ${s.what.toLowerCase()} in the new brand style. I have the content in a document and can share it; the tone should be clear and not too salesy.`,
          values: { deliverables: s.d, dueDate: c.date(5, 20), audience: s.aud, brief: `${s.what}. Content is ready, needs design in the new brand style.` },
          vars: { what: s.what.toLowerCase() },
        };
      },
      talk: {
        qa: [["Hi {first}, the first draft of the {what} is in the shared folder. Could you review it and send your comments?", "Looks great! Two small changes: the logo a bit smaller, and the date in bold. Otherwise good to go."]],
        resolve: ["Hi {first}, final files are in the shared folder, in PDF and source format.", "Delivered: final version attached to the brand folder. Thanks for the clear brief!"],
        notes: ["Design queue is full this week, might slip by a day.", "Reusing the template from the spring campaign."],
      },
    },
    {
      slug: "event-support",
      name: "Event support",
      description: "Support for trade fairs, customer events and webinars.",
      team: "Events",
      priority: "NORMAL",
      weight: 3,
      fields: [
        { key: "eventName", label: "Event", kind: "text", required: true, maxLength: 160 },
        { key: "eventDate", label: "Event date", kind: "date", required: true },
        { key: "attendees", label: "Expected attendees", kind: "number", integer: true, min: 1 },
        { key: "format", label: "Format", kind: "select", required: true, options: ["In person", "Virtual", "Hybrid"] },
        { key: "support", label: "What do you need?", kind: "multiselect", required: true, options: ["Booth and stand", "Giveaways", "Invitations", "Speaker slides", "Photography", "Registration page"] },
      ],
      draft: (c): Draft => {
        const ev = c.r.pick([
          { name: "Customer round table Berlin", format: "In person", n: 25 },
          { name: "Partner webinar: what's new this quarter", format: "Virtual", n: 300 },
          { name: "Trade fair booth at a logistics conference", format: "In person", n: 2000 },
          { name: "Customer summit New York", format: "Hybrid", n: 150 },
          { name: "Recruiting evening for graduates", format: "In person", n: 60 },
        ]);
        return {
          title: `Support for "${ev.name}"`,
          description: `We're organising "${ev.name}" with about ${ev.n} attendees. We'd need help with invitations and material; the agenda is still being finalised.`,
          values: { eventName: ev.name, eventDate: c.date(20, 60), attendees: ev.n, format: ev.format, support: c.r.some(["Booth and stand", "Giveaways", "Invitations", "Speaker slides", "Photography", "Registration page"], 1, 3) },
          vars: { eventName: ev.name },
        };
      },
      talk: {
        qa: [["Hi {first}, could you share the final agenda and the speaker list? We need them for the invitation.", "Here you go: agenda and speakers are in the shared folder now."]],
        resolve: ["Hi {first}, everything is in place for {eventName}: invitations are out and the material is ordered.", "Event support wrapped up. Photos are in the shared folder."],
        notes: ["Booth space confirmed with the organiser.", "Budget for this one comes from the field marketing plan."],
      },
    },
    {
      slug: "merchandise",
      name: "Branded merchandise",
      description: "T-shirts, notebooks, stickers and other items with our logo.",
      team: "Events",
      priority: "LOW",
      weight: 2,
      fields: [
        { key: "items", label: "Items", kind: "multiselect", required: true, options: ["T-shirts", "Hoodies", "Notebooks", "Water bottles", "Stickers", "Tote bags", "Pens"] },
        { key: "quantity", label: "Quantity per item", kind: "number", required: true, integer: true, min: 1, max: 2000 },
        { key: "deliverTo", label: "Deliver to", kind: "select", required: true, options: SITES },
        { key: "neededBy", label: "Needed by", kind: "date", required: true },
      ],
      draft: (c): Draft => {
        const items = c.r.some(["T-shirts", "Hoodies", "Notebooks", "Water bottles", "Stickers", "Tote bags", "Pens"], 1, 3);
        const quantity = c.r.pick([20, 50, 100, 250]);
        return {
          title: `Merchandise: ${items.join(", ").toLowerCase()} (${quantity} each)`,
          description: `For ${c.r.pick(["our team offsite", "new starter welcome packs", "the customer summit", "a university careers fair"])} we'd like ${quantity} of each: ${items.join(", ").toLowerCase()}.`,
          values: { items, quantity, deliverTo: c.requester.dept.site, neededBy: c.date(15, 40) },
        };
      },
      talk: { resolve: ["Hi {first}, ordered from our merchandise supplier, delivery in about two weeks.", "Taken from stock, the boxes are at reception for you."] },
    },
    {
      slug: "website-update",
      name: "Website update",
      description: "Corrections, new pages and updates on the public website.",
      team: "Brand & Design",
      priority: "NORMAL",
      weight: 3,
      fields: [
        { key: "pageUrl", label: "Page", kind: "text", required: true, maxLength: 300 },
        { key: "change", label: "Kind of change", kind: "select", required: true, options: ["Text correction", "New page", "Update product information", "Remove page", "Broken link"] },
        { key: "details", label: "Details", kind: "textarea", required: true, maxLength: 4000 },
        { key: "goLive", label: "Go-live date", kind: "date" },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { page: "/careers", change: "Update product information", title: "Update open positions on the careers page", text: "Three positions are filled and still online; two new ones are missing." },
          { page: "/contact", change: "Text correction", title: "Wrong phone number on the contact page", text: "The London phone number on the contact page is the old one." },
          { page: "/pricing", change: "Update product information", title: "New prices on the pricing page from next month", text: "The new price list is effective on the 1st. Please update the pricing page on that day, not earlier." },
          { page: "/events", change: "New page", title: "Landing page for the customer summit", text: "We need a landing page with agenda and registration form for the customer summit." },
          { page: "/blog/2024-product-update", change: "Broken link", title: "Broken download link in a blog post", text: "The whitepaper download link in the blog post returns a 404." },
          { page: "/legal/imprint", change: "Text correction", title: "Imprint still shows the former managing director", text: "The imprint lists the former managing director. Legal asked to update it quickly." },
        ]);
        return {
          title: s.title,
          description: s.text,
          values: { pageUrl: `https://www.example.com${s.page}`, change: s.change, details: s.text, goLive: c.date(2, 15) },
          triage: s.page === "/legal/imprint" ? "HIGH" : undefined,
        };
      },
      talk: { resolve: ["Hi {first}, the change is live. It can take a few minutes until the cache refreshes.", "Published. Thanks for spotting it!"] },
    },
  ],
  OPS: [
    {
      slug: "crm-change",
      name: "CRM change",
      description: "Changes to Salesforce data, reports, fields and ownership.",
      team: "CRM & Tools",
      priority: "NORMAL",
      weight: 5,
      requesterDepts: ["OPS", "MKT", "FIN"],
      fields: [
        { key: "object", label: "Object", kind: "select", required: true, options: ["Account", "Opportunity", "Contact", "Lead", "Report or dashboard", "Territory"] },
        { key: "change", label: "Change", kind: "select", required: true, options: ["Data correction", "Ownership transfer", "Merge duplicates", "New field", "New report"] },
        { key: "records", label: "Records", kind: "textarea", maxLength: 4000, help: "Names or Salesforce IDs, one per line." },
        { key: "details", label: "Details", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const company = c.company();
        const s = c.r.pick([
          { object: "Account", change: "Merge duplicates", title: `Duplicate accounts for ${company}`, text: `${company} exists three times in Salesforce with different opportunities attached. Please merge them into one.` },
          { object: "Account", change: "Ownership transfer", title: `Transfer accounts of ${c.colleague()} to me`, text: "I'm taking over part of a colleague's territory. About 15 accounts should move to me, list below." },
          { object: "Opportunity", change: "Data correction", title: "Opportunity stuck in the wrong stage", text: `The ${company} renewal opportunity can't be moved to 'Closed Won' because of a validation rule on the contract date.` },
          { object: "Report or dashboard", change: "New report", title: "Report: pipeline by product line", text: "Could we get a report showing open pipeline by product line and region, for the weekly forecast call?" },
          { object: "Lead", change: "New field", title: "New lead field: event source", text: "Marketing would like a field on leads for the event where we met them, so we can measure events properly." },
          { object: "Contact", change: "Data correction", title: "Bulk update of contact job titles", text: "After a data enrichment we have 300 contacts with updated job titles in a spreadsheet. Could you import them?" },
        ]);
        return {
          title: s.title,
          description: s.text,
          values: { object: s.object, change: s.change, records: s.change === "Merge duplicates" ? `${company}\n${company} Ltd\n${company} (old)` : undefined, details: s.text },
          vars: { company },
        };
      },
      talk: {
        qa: [["Hi {first}, which record should be the master when we merge? The opportunities of all three will move there.", "The one with the most recent activity, owned by me."]],
        resolve: ["Hi {first}, done in Salesforce. Refresh your view and it should show correctly.", "Change deployed to production after testing in the sandbox."],
        notes: ["Validation rule needs an exception for renewals, ticketing a change.", "Will bundle this with the next release on Thursday."],
      },
    },
    {
      slug: "discount-approval",
      name: "Discount approval",
      description: "Approval for discounts above your own approval limit.",
      team: "Deal Desk",
      priority: "HIGH",
      weight: 5,
      requesterDepts: ["OPS"],
      fields: [
        { key: "account", label: "Account", kind: "text", required: true, maxLength: 120 },
        { key: "opportunityValue", label: "Opportunity value (USD)", kind: "number", required: true, min: 0 },
        { key: "discount", label: "Discount (%)", kind: "number", required: true, min: 0, max: 60 },
        { key: "closeDate", label: "Expected close date", kind: "date", required: true },
        { key: "justification", label: "Justification", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const account = c.company();
        const value = c.r.int(20, 400) * 1000;
        const discount = c.r.pick([15, 18, 20, 22, 25, 30, 35]);
        const why = c.r.pick([
          "They're comparing us with a competitor who offered 30% less.",
          "Three-year commitment with upfront payment.",
          "Strategic logo in a new industry for us, with a reference commitment.",
          "Budget was cut on their side; the alternative is a smaller deal next year.",
        ]);
        return {
          title: `${discount}% discount for ${account} (${money(value, "USD")})`,
          description: `Requesting ${discount}% discount on the ${account} deal (${money(value, "USD")}). ${why} Decision meeting on their side is next week.`,
          values: { account, opportunityValue: value, discount, closeDate: c.date(5, 30), justification: why },
          triage: discount >= 30 || c.r.chance(0.15) ? "URGENT" : undefined,
          vars: { account },
        };
      },
      talk: {
        qa: [["Hi {first}, could you add the competitor's offer or at least their price range? Finance will ask for it above 25%.", "Their offer is about 30% below our list price, I've put the details in the opportunity notes."]],
        resolve: ["Hi {first}, approved at the requested discount, provided the contract is signed by the end of the quarter.", "Approved with a counter-proposal: 5 points less discount in exchange for the multi-year term. Good luck with {account}!"],
        notes: ["Margin still above the floor at this discount.", "Escalated to the CFO because of the contract size.", "Similar deal last quarter got 22%."],
      },
    },
    {
      slug: "quote-support",
      name: "Quote or contract support",
      description: "Help with complex quotes, multi-year deals and order forms.",
      team: "Deal Desk",
      priority: "NORMAL",
      weight: 3,
      requesterDepts: ["OPS"],
      fields: [
        { key: "account", label: "Account", kind: "text", required: true, maxLength: 120 },
        { key: "quoteType", label: "Quote type", kind: "select", required: true, options: ["New business", "Renewal", "Upsell", "Multi-year"] },
        { key: "products", label: "Products", kind: "multiselect", required: true, options: ["Core platform", "Analytics add-on", "Premium support", "Implementation services", "Training"] },
        { key: "dueDate", label: "Needed by", kind: "date" },
      ],
      draft: (c): Draft => {
        const account = c.company();
        const quoteType = c.r.pick(["New business", "Renewal", "Upsell", "Multi-year"]);
        return {
          title: `${quoteType} quote for ${account}`,
          description: `${account} asked for a ${quoteType.toLowerCase()} quote with a ramped price over the first year. I'm not sure how to set that up in CPQ.`,
          values: { account, quoteType, products: c.r.some(["Core platform", "Analytics add-on", "Premium support", "Implementation services", "Training"], 1, 3), dueDate: c.date(2, 10) },
          vars: { account },
        };
      },
      talk: { resolve: ["Hi {first}, the quote is built in CPQ and ready for you to send.", "Done, the order form for {account} is in the opportunity."] },
    },
    {
      slug: "commission-question",
      name: "Commission or territory question",
      description: "Commission statements, quotas, territories and account splits.",
      team: "CRM & Tools",
      priority: "LOW",
      weight: 2,
      requesterDepts: ["OPS"],
      fields: [
        { key: "topic", label: "Topic", kind: "select", required: true, options: ["Commission statement", "Quota", "Territory assignment", "Account split"] },
        { key: "quarter", label: "Quarter", kind: "select", options: ["Q1", "Q2", "Q3", "Q4"] },
        { key: "details", label: "Details", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { topic: "Commission statement", title: "Commission statement misses a closed deal", text: `The ${c.company()} deal closed on the last day of the quarter but isn't on my commission statement.` },
          { topic: "Account split", title: `Account split with ${c.colleague()}`, text: "We worked a deal together across two regions and agreed a 50/50 split. How do we record it?" },
          { topic: "Territory assignment", title: "Territory change for the Nordics", text: "With the new hire in London, the Nordics should move to their territory from next quarter." },
          { topic: "Quota", title: "Quota letter for next quarter missing", text: "I haven't received my quota letter for the coming quarter yet." },
        ]);
        return {
          title: s.title,
          description: s.text,
          values: { topic: s.topic, quarter: c.r.pick(["Q1", "Q2", "Q3", "Q4"]), details: s.text },
        };
      },
      talk: { resolve: ["Hi {first}, corrected: it will be on the next commission statement.", "Recorded in Salesforce and confirmed with both managers."] },
    },
  ],
  SEC: [
    {
      slug: "phishing-report",
      name: "Suspicious email",
      description: "Report an email that looks like phishing, or a link you clicked and now regret.",
      team: "Security Operations",
      priority: "HIGH",
      weight: 5,
      fields: [
        { key: "sender", label: "Sender address", kind: "text", required: true, maxLength: 200 },
        { key: "clicked", label: "I clicked a link or opened an attachment", kind: "checkbox" },
        { key: "details", label: "What happened", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const s = c.r.pick([
          { from: "it-support@examp1e.com", title: "Email asking me to reset my password", text: "An email from 'IT support' asks me to reset my password through a link. The sender domain looks odd." },
          { from: "ceo.office@mail-exec.net", title: "Fake CEO email asking for gift cards", text: "Someone pretending to be our CEO asks me to buy gift cards urgently and keep it confidential." },
          { from: "invoice@docusign-secure.co", title: "Invoice email with a strange attachment", text: "An invoice I do not recognise came with a zipped attachment." },
          { from: "hr-benefits@benefits-portal.io", title: "Benefits portal asking for my bank details", text: "A 'benefits portal' wants my bank details to pay a bonus." },
        ]);
        const clicked = c.r.chance(0.2);
        return {
          title: s.title,
          description: `${s.text}${clicked ? " I'm afraid I clicked the link before I noticed." : " I did not click anything."}`,
          values: { sender: s.from, clicked, details: s.text },
          triage: clicked ? "URGENT" : undefined,
        };
      },
      talk: {
        resolve: ["Hi {first}, thanks for reporting it: it was phishing, we blocked the sender for everyone.", "Checked and blocked. Nothing else to do on your side, {first}."],
        notes: ["Same campaign hit three other people today.", "Sender domain registered two days ago."],
      },
    },
    {
      slug: "badge",
      name: "Access badge",
      description: "A new badge, a lost one, or access to a room you need.",
      team: "Physical Security",
      priority: "NORMAL",
      weight: 4,
      fields: [
        { key: "need", label: "What do you need?", kind: "select", required: true, options: ["Replace a lost badge", "Access to a room", "Visitor badge", "Badge does not work"] },
        { key: "site", label: "Site", kind: "select", required: true, options: SITES },
        { key: "area", label: "Room or area", kind: "text", maxLength: 200 },
      ],
      draft: (c): Draft => {
        const need = c.r.pick(["Replace a lost badge", "Access to a room", "Visitor badge", "Badge does not work"]);
        const area = c.r.pick(["server room", "archive", "lab on floor 2", "roof terrace", "parking garage"]);
        return {
          title: need === "Access to a room" ? `Badge access to the ${area}` : need === "Visitor badge" ? `Visitor badge for a guest from ${c.company()}` : need,
          description: need === "Replace a lost badge" ? "I lost my badge, probably on the way home yesterday. Please block it and give me a new one." : `Please sort out my badge for the ${area}.`,
          values: { need, site: c.requester.dept.site, area },
        };
      },
      talk: { resolve: ["Hi {first}, done: your badge works for it now.", "The new badge is at reception, {first}; the old one is blocked."] },
    },
    {
      slug: "tool-review",
      name: "Security review of a tool",
      description: "Before a new cloud tool handles our data, we check it with you.",
      team: "Security Operations",
      priority: "LOW",
      weight: 2,
      fields: [
        { key: "tool", label: "Tool", kind: "text", required: true, maxLength: 200 },
        { key: "data", label: "Data it will hold", kind: "multiselect", required: true, options: ["Customer data", "Employee data", "Financial data", "Public data only"] },
        { key: "goLive", label: "Wanted from", kind: "date" },
      ],
      draft: (c): Draft => {
        const tool = c.r.pick(["Miro", "Notion", "Calendly", "Loom", "Airtable", "Typeform"]);
        const data = c.r.some(["Customer data", "Employee data", "Financial data", "Public data only"], 1, 2);
        return {
          title: `Security review: ${tool}`,
          description: `We'd like to use ${tool} in our team. It would hold ${data.join(" and ").toLowerCase()}.`,
          values: { tool, data, goLive: c.date(10, 30) },
        };
      },
      talk: {
        qa: [["Hi {first}, could you send us the vendor's security documentation or their SOC 2 report?", "I asked them, the report is attached to the shared folder now."]],
        resolve: ["Hi {first}, the review is done: fine to use with the settings we noted in the folder."],
      },
    },
  ],
  TRV: [
    {
      slug: "business-trip",
      name: "Book a business trip",
      description: "Flights, trains and hotels for a business trip.",
      team: "Travel Desk",
      priority: "NORMAL",
      weight: 6,
      fields: [
        { key: "destination", label: "Destination", kind: "text", required: true, maxLength: 200 },
        { key: "departure", label: "Departure", kind: "date", required: true },
        { key: "nights", label: "Nights", kind: "number", required: true, integer: true, min: 0, max: 30 },
        { key: "hotel", label: "Hotel needed", kind: "checkbox" },
      ],
      draft: (c): Draft => {
        const destination = c.r.pick(["Paris", "Madrid", "Amsterdam", "New York", "Boston", "Munich", "Dublin", "Warsaw"]);
        const nights = c.r.int(1, 4);
        return {
          title: `Trip to ${destination}, ${nights} night${nights > 1 ? "s" : ""}`,
          description: `I need to be in ${destination} for a meeting with ${c.company()}. Flight or train, whatever is quicker.`,
          values: { destination, departure: c.date(7, 30), nights, hotel: true },
        };
      },
      talk: {
        qa: [["Hi {first}, do you prefer an early flight or the evening before?", "The evening before, please."]],
        resolve: ["Hi {first}, booked: the itinerary is in your inbox.", "All set, {first}. Tickets and hotel confirmation are sent."],
      },
    },
    {
      slug: "visa-letter",
      name: "Visa invitation letter",
      description: "A letter for a visa application, for you or a guest.",
      team: "Travel Desk",
      priority: "HIGH",
      weight: 2,
      fields: [
        { key: "country", label: "Country", kind: "text", required: true, maxLength: 100 },
        { key: "travelDate", label: "Travel date", kind: "date", required: true },
      ],
      draft: (c): Draft => {
        const country = c.r.pick(["India", "China", "Brazil", "Nigeria", "Turkey"]);
        return {
          title: `Visa letter for a trip to ${country}`,
          description: `The embassy asks for an invitation letter from the company for my trip to ${country}.`,
          values: { country, travelDate: c.date(20, 45) },
        };
      },
      talk: { resolve: ["Hi {first}, the signed letter is attached. Good luck at the embassy!"] },
    },
    {
      slug: "policy-exception",
      name: "Travel policy exception",
      description: "Business class, a pricier hotel, or a trip booked outside the tool.",
      team: "Travel Desk",
      priority: "LOW",
      weight: 2,
      fields: [
        { key: "exception", label: "Exception", kind: "select", required: true, options: ["Business class", "Hotel above the limit", "Booked outside the tool"] },
        { key: "reason", label: "Reason", kind: "textarea", required: true, maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const exception = c.r.pick(["Business class", "Hotel above the limit", "Booked outside the tool"]);
        return {
          title: `Travel policy exception: ${exception.toLowerCase()}`,
          description: "The conference hotel is above the limit but everything nearby is booked out.",
          values: { exception, reason: "Everything cheaper was booked out or far from the venue." },
        };
      },
    },
  ],
  DAT: [
    {
      slug: "dashboard",
      name: "New dashboard or report",
      description: "A dashboard or a recurring report for your team.",
      team: "Reporting",
      priority: "NORMAL",
      weight: 5,
      fields: [
        { key: "question", label: "Which question should it answer?", kind: "textarea", required: true, maxLength: 4000 },
        { key: "audience", label: "Who will use it", kind: "text", required: true, maxLength: 200 },
        { key: "neededBy", label: "Needed by", kind: "date" },
      ],
      draft: (c): Draft => {
        const topic = c.r.pick(["pipeline by region", "churn by customer segment", "campaign conversion", "support volume per product", "headcount by department", "spend by supplier"]);
        return {
          title: `Dashboard: ${topic}`,
          description: `We'd like a dashboard of ${topic}, refreshed daily, for our weekly meeting.`,
          values: { question: `How does ${topic} develop week by week?`, audience: `${c.requester.dept.name} leadership`, neededBy: c.date(10, 30) },
        };
      },
      talk: {
        qa: [["Hi {first}, which system is the source of truth for this: the CRM or the finance system?", "The CRM, please."]],
        resolve: ["Hi {first}, the dashboard is published; the link is in the reporting portal.", "Done, {first}. It refreshes every morning at 6."],
      },
    },
    {
      slug: "data-access",
      name: "Access to data",
      description: "Access to a dataset, the warehouse or a BI workspace.",
      team: "Data Platform",
      priority: "NORMAL",
      weight: 4,
      fields: [
        { key: "dataset", label: "Dataset or workspace", kind: "text", required: true, maxLength: 200 },
        { key: "purpose", label: "Purpose", kind: "textarea", required: true, maxLength: 2000 },
      ],
      draft: (c): Draft => {
        const dataset = c.r.pick(["sales_opportunities", "web_analytics", "finance_actuals", "support_tickets", "product_usage"]);
        return {
          title: `Read access to ${dataset}`,
          description: `I need read access to ${dataset} for an analysis for ${c.colleague()}.`,
          values: { dataset, purpose: "An analysis for our quarterly review." },
        };
      },
      talk: { resolve: ["Hi {first}, access granted; it can take an hour until it shows in the BI tool."] },
    },
    {
      slug: "numbers-question",
      name: "Question about the numbers",
      description: "A figure looks wrong, or two reports disagree.",
      team: "Reporting",
      priority: "HIGH",
      weight: 3,
      fields: [
        { key: "report", label: "Report", kind: "text", required: true, maxLength: 200 },
        { key: "details", label: "What looks wrong", kind: "textarea", required: true, maxLength: 4000 },
      ],
      draft: (c): Draft => {
        const report = c.r.pick(["Monthly revenue report", "Weekly pipeline", "Headcount report", "Marketing funnel"]);
        return {
          title: `${report} does not match the source`,
          description: `The ${report.toLowerCase()} shows a different total than the source system for last month.`,
          values: { report, details: "The totals differ by about 4 %." },
        };
      },
      talk: {
        resolve: ["Hi {first}, found it: a late data load. The report is correct again.", "Fixed, {first}: a filter excluded one region."],
        notes: ["Load job failed on Sunday night, rerun now."],
      },
    },
  ],
  COM: [
    {
      slug: "intranet-news",
      name: "Intranet news post",
      description: "News for the intranet front page.",
      team: "Internal Comms",
      priority: "NORMAL",
      weight: 5,
      fields: [
        { key: "headline", label: "Headline", kind: "text", required: true, maxLength: 200 },
        { key: "text", label: "Draft text", kind: "textarea", required: true, maxLength: 6000 },
        { key: "publishOn", label: "Publish on", kind: "date" },
      ],
      draft: (c): Draft => {
        const headline = c.r.pick(["Our new office opens", "Welcome to the new joiners", "Results of the customer survey", "New travel policy", "Team of the quarter"]);
        return {
          title: `Intranet post: ${headline}`,
          description: `Could you publish a news post "${headline}"? A draft is attached below.`,
          values: { headline, text: `${headline}: a short draft from ${c.requester.dept.name}.`, publishOn: c.date(3, 14) },
        };
      },
      talk: { resolve: ["Hi {first}, your post is live on the front page.", "Published, {first}, with a small edit to the headline."] },
    },
    {
      slug: "all-hands",
      name: "All-hands slot",
      description: "A few minutes at the next all-hands meeting.",
      team: "Internal Comms",
      priority: "LOW",
      weight: 2,
      fields: [
        { key: "topic", label: "Topic", kind: "text", required: true, maxLength: 200 },
        { key: "minutes", label: "Minutes needed", kind: "number", required: true, integer: true, min: 2, max: 20 },
      ],
      draft: (c): Draft => {
        const topic = c.r.pick(["Launch of the new product line", "Results of the engagement survey", "Office move next spring"]);
        return { title: `All-hands slot: ${topic}`, description: `We'd like a few minutes at the next all-hands for: ${topic}.`, values: { topic, minutes: c.r.pick([5, 10]) } };
      },
    },
    {
      slug: "newsletter",
      name: "Newsletter item",
      description: "An item for the monthly staff newsletter.",
      team: "Internal Comms",
      priority: "LOW",
      weight: 3,
      fields: [
        { key: "item", label: "Item", kind: "textarea", required: true, maxLength: 3000 },
        { key: "edition", label: "Edition", kind: "date", required: true },
      ],
      draft: (c): Draft => ({
        title: c.r.pick(["Newsletter: charity run results", "Newsletter: new parking rules", "Newsletter: meet the data team", "Newsletter: volunteering day"]),
        description: "A short item for the next newsletter, with a photo.",
        values: { item: "A short item with a photo.", edition: c.date(5, 25) },
      }),
    },
  ],
};
