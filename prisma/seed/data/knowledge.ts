// The demo organisation's knowledge: articles, known issues and a problem (code in prisma/seed/knowledge.ts).

export type ArticleSpec = {
  dept: string;
  slug: string;
  title: string;
  body: string;
  /** Slugs of the department's request types the article answers. */
  types: string[];
  tags: string[];
  visibility: "EVERYONE" | "AGENTS";
  /** Written by (email); published by the department's head unless `draft`. */
  author: string;
  draft?: boolean;
  /** Days from the seeding day to the review date (negative: past it). */
  reviewInDays: number;
  views: number;
};

export const ARTICLES: ArticleSpec[] = [
  {
    dept: "FAC",
    slug: "coffee-or-water-spill",
    title: "Spilled coffee or water: what to do first",
    body: "A spill on a carpet or desk is easiest to clean in the first minutes.\n\n1. **Blot** the spill with paper towels from the kitchen; do not rub.\n2. For coffee on carpet, dab with cold water and blot again.\n3. Put a *wet floor* sign from the kitchen cupboard beside it.\n\nIf the spill is large, smells, or is near power sockets, file a **Cleaning** request with the room and floor: the cleaning team comes the same day.",
    types: ["cleaning"],
    tags: ["spill", "coffee", "carpet", "cleaning"],
    visibility: "EVERYONE",
    author: "frank.facilities@example.com",
    reviewInDays: 120,
    views: 86,
  },
  {
    dept: "FAC",
    slug: "meeting-room-equipment",
    title: "Meeting room screens and speakerphones",
    body: "Every meeting room has a screen with an **HDMI** and a **USB-C** cable on the table.\n\n| Room size | Equipment |\n|:--|:--|\n| Small (4) | screen |\n| Medium (8) | screen, speakerphone |\n| Large (16+) | screen, speakerphone, ceiling microphones |\n\nIf the screen shows *No signal*, press the input button on the remote until it shows HDMI 1.",
    types: ["meeting-room-setup"],
    tags: ["meeting", "screen", "hdmi"],
    visibility: "EVERYONE",
    author: "frank.facilities@example.com",
    reviewInDays: -10,
    views: 41,
  },
  {
    dept: "FAC",
    slug: "contractor-key-safe",
    title: "Contractor key safe: codes and hand-over",
    body: "Internal how-to for the Facilities team.\n\nThe key safe beside the goods entrance opens with the code on the team's shared note. Change the code after every contractor visit and write the new code in the note.",
    types: ["repair"],
    tags: ["keys", "contractors"],
    visibility: "AGENTS",
    author: "frank.facilities@example.com",
    reviewInDays: 60,
    views: 12,
  },
  {
    dept: "FAC",
    slug: "parking-permit-renewal",
    title: "Renewing a parking permit",
    body: "Permits run for a calendar year. Renew in December through a **Parking permit** request; your old permit stays valid until 31 January.",
    types: ["parking-permit"],
    tags: ["parking"],
    visibility: "EVERYONE",
    author: "frank.facilities@example.com",
    draft: true,
    reviewInDays: 200,
    views: 0,
  },
  {
    dept: "IT",
    slug: "vpn-connection",
    title: "Connecting to the VPN from home",
    body: "1. Open the **GlobalConnect** app.\n2. Sign in with your work email.\n3. Choose the gateway nearest to you.\n\nIf it keeps disconnecting, update the app to the latest version from the Software Centre.",
    types: ["something-is-broken"],
    tags: ["vpn", "remote", "home"],
    visibility: "EVERYONE",
    author: "ivan.it@example.com",
    reviewInDays: 90,
    views: 153,
  },
  {
    dept: "IT",
    slug: "password-reset",
    title: "Reset a forgotten password",
    body: "Go to the self-service portal and choose **Forgot password**. You need your phone for the code. Passwords must be 14 characters or longer.",
    types: ["system-access"],
    tags: ["password", "login", "account"],
    visibility: "EVERYONE",
    author: "ivan.it@example.com",
    reviewInDays: 30,
    views: 212,
  },
  {
    dept: "IT",
    slug: "laptop-reimaging",
    title: "Re-imaging a laptop (IT only)",
    body: "Boot from the network with F12, choose the standard image, and keep the asset tag. Internal: the admin console is at the address on the IT wiki.",
    types: ["new-laptop"],
    tags: ["laptop", "imaging"],
    visibility: "AGENTS",
    author: "ivan.it@example.com",
    reviewInDays: -3,
    views: 9,
  },
];

export const KNOWN_ISSUES = [
  { dept: "FAC", title: "The lift in building B is out of service", body: "A technician comes on Thursday. Please use the lift in building A.", types: ["repair"] },
  { dept: "IT", title: "VPN disconnects every few minutes", body: "We are working with the provider. Updating the GlobalConnect app helps for most people.", types: ["something-is-broken"] },
];

/** The demo's problem: an open IT request standing for a cause, with open requests of the same type linked to it. */
export const PROBLEM = { dept: "IT", type: "something-is-broken", linked: 3 };
