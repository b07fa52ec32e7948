// The demo organisation's departments and named people: data only (prisma/seed/demo.ts seeds it).

export type RoleName = "AGENT" | "HEAD" | "HR" | "ADMIN";

export type DeptKey = "IT" | "FAC" | "FIN" | "HR" | "LEG" | "PRO" | "MKT" | "OPS" | "SEC" | "TRV" | "DAT" | "COM";

export type DeptSpec = {
  key: DeptKey;
  name: string;
  description: string;
  timeZone: string;
  site: string;
  costCentre: string;
  teams: string[];
  /** Share of the request volume. */
  volume: number;
  /** People whose home it is, the named ones included; the rest are generated (prisma/seed/demo.ts). */
  headcount: number;
  /** Agents besides the head, the named ones included. */
  agents: number;
};

export const DEPARTMENTS: DeptSpec[] = [
  {
    key: "IT",
    name: "IT",
    description: "Laptops, accounts, access, software and everything that stopped working.",
    timeZone: "Europe/Berlin",
    site: "Berlin HQ",
    costCentre: "CC-1100",
    teams: ["Service Desk", "Infrastructure", "Access Management"],
    volume: 28,
    headcount: 62,
    agents: 14,
  },
  {
    key: "FAC",
    name: "Facilities",
    description: "Desks, meeting rooms, repairs, parking and a building that works.",
    timeZone: "Europe/Berlin",
    site: "Berlin HQ",
    costCentre: "CC-1200",
    teams: ["Workplace", "Maintenance"],
    volume: 17,
    headcount: 30,
    agents: 9,
  },
  {
    key: "FIN",
    name: "Finance",
    description: "Expenses, purchase orders, supplier payments, budgets and corporate cards.",
    timeZone: "Europe/London",
    site: "London office",
    costCentre: "CC-1300",
    teams: ["Accounts Payable", "Controlling"],
    volume: 11,
    headcount: 34,
    agents: 4,
  },
  {
    key: "HR",
    name: "HR",
    description: "Payroll, letters, leave, training and onboarding of new colleagues.",
    timeZone: "Europe/Berlin",
    site: "Berlin HQ",
    costCentre: "CC-1400",
    teams: ["People Operations", "Payroll"],
    volume: 10,
    headcount: 24,
    agents: 3,
  },
  {
    key: "LEG",
    name: "Legal",
    description: "Contracts, NDAs, data protection and legal advice.",
    timeZone: "Europe/London",
    site: "London office",
    costCentre: "CC-1500",
    teams: ["Contracts", "Compliance"],
    volume: 7,
    headcount: 16,
    agents: 3,
  },
  {
    key: "PRO",
    name: "Procurement",
    description: "New suppliers, quotations, catalogue orders and supplier contracts.",
    timeZone: "Europe/Berlin",
    site: "Berlin HQ",
    costCentre: "CC-1600",
    teams: ["Strategic Sourcing", "Purchasing"],
    volume: 9,
    headcount: 18,
    agents: 3,
  },
  {
    key: "MKT",
    name: "Marketing",
    description: "Design, events, branded merchandise and the website.",
    timeZone: "America/New_York",
    site: "New York office",
    costCentre: "CC-1700",
    teams: ["Brand & Design", "Events"],
    volume: 8,
    headcount: 44,
    agents: 3,
  },
  {
    key: "OPS",
    name: "Sales Operations",
    description: "CRM, discount approvals, quotes and commission questions for the sales team.",
    timeZone: "America/New_York",
    site: "New York office",
    costCentre: "CC-1800",
    teams: ["CRM & Tools", "Deal Desk"],
    volume: 10,
    headcount: 90,
    agents: 4,
  },
  {
    key: "SEC",
    name: "Security",
    description: "Badges, suspicious emails, security reviews of new tools and lost devices.",
    timeZone: "Europe/Berlin",
    site: "Berlin HQ",
    costCentre: "CC-1900",
    teams: ["Security Operations", "Physical Security"],
    volume: 6,
    headcount: 16,
    agents: 3,
  },
  {
    key: "TRV",
    name: "Travel",
    description: "Business trips, hotels, visas and exceptions to the travel policy.",
    timeZone: "Europe/London",
    site: "London office",
    costCentre: "CC-2000",
    teams: ["Travel Desk"],
    volume: 6,
    headcount: 12,
    agents: 3,
  },
  {
    key: "DAT",
    name: "Data & Analytics",
    description: "Dashboards, data access, reports and questions about the numbers.",
    timeZone: "Europe/Berlin",
    site: "Berlin HQ",
    costCentre: "CC-2100",
    teams: ["Reporting", "Data Platform"],
    volume: 6,
    headcount: 34,
    agents: 5,
  },
  {
    key: "COM",
    name: "Communications",
    description: "Intranet news, all-hands meetings, newsletters and announcements.",
    timeZone: "America/New_York",
    site: "New York office",
    costCentre: "CC-2200",
    teams: ["Internal Comms"],
    volume: 4,
    headcount: 18,
    agents: 3,
  },
];

export type PersonSpec = {
  name: string;
  email?: string;
  title: string;
  dept: DeptKey;
  /** HEAD implies an AGENT grant in the same department; AGENT and HEAD are of `dept`. */
  roles?: RoleName[];
  teams?: string[];
  active?: false;
  /** How often this person files requests, relative to others. */
  files?: number;
};

export const PEOPLE: PersonSpec[] = [
  // IT
  { name: "Thomas Berger", title: "Head of IT", dept: "IT", roles: ["HEAD"], teams: ["Service Desk"] },
  { name: "Ivan Ito", email: "ivan.it@example.com", title: "IT Support Specialist", dept: "IT", roles: ["AGENT"], teams: ["Service Desk"] },
  { name: "Priya Sharma", title: "Service Desk Analyst", dept: "IT", roles: ["AGENT"], teams: ["Service Desk", "Access Management"] },
  { name: "Lukas Weber", title: "Network Engineer", dept: "IT", roles: ["AGENT"], teams: ["Infrastructure"] },
  { name: "Daniel Okafor", title: "Systems Engineer", dept: "IT", roles: ["AGENT"], teams: ["Infrastructure"] },
  { name: "Mei Chen", title: "Identity and Access Engineer", dept: "IT", roles: ["AGENT"], teams: ["Access Management"] },
  { name: "Ada Admin", email: "ada.admin@example.com", title: "Platform Administrator", dept: "IT", roles: ["ADMIN"] },
  { name: "Felix Wagner", title: "Software Engineer", dept: "IT" },
  { name: "Lena Hoffmann", title: "Data Engineer", dept: "IT" },
  { name: "Arjun Patel", title: "Security Engineer", dept: "IT" },
  // Facilities
  { name: "Fiona Hall", email: "fiona.head@example.com", title: "Head of Facilities", dept: "FAC", roles: ["HEAD"], teams: ["Workplace"] },
  { name: "Frank Fischer", email: "frank.facilities@example.com", title: "Facilities Coordinator", dept: "FAC", roles: ["AGENT"], teams: ["Workplace", "Maintenance"] },
  { name: "Marta Kowalski", title: "Maintenance Technician", dept: "FAC", roles: ["AGENT"], teams: ["Maintenance"] },
  { name: "George Adeyemi", title: "Building Services Engineer", dept: "FAC", roles: ["AGENT"], teams: ["Maintenance"] },
  { name: "Sophie Laurent", title: "Workplace Experience Coordinator", dept: "FAC", roles: ["AGENT"], teams: ["Workplace"] },
  { name: "Paul Schneider", title: "Receptionist", dept: "FAC" },
  // Finance
  { name: "Richard Coleman", title: "Head of Finance", dept: "FIN", roles: ["HEAD"], teams: ["Controlling"] },
  { name: "Aisha Rahman", title: "Accounts Payable Specialist", dept: "FIN", roles: ["AGENT"], teams: ["Accounts Payable"] },
  { name: "Emily Clarke", title: "Accounts Payable Lead", dept: "FIN", roles: ["AGENT"], teams: ["Accounts Payable"] },
  { name: "James Whitfield", title: "Financial Controller", dept: "FIN", roles: ["AGENT"], teams: ["Controlling"] },
  { name: "Charlotte Hughes", title: "Financial Analyst", dept: "FIN" },
  { name: "William Turner", title: "Treasury Analyst", dept: "FIN" },
  { name: "Sarah Mitchell", title: "Chief Financial Officer", dept: "FIN", files: 1 },
  // HR
  { name: "Helena Brandt", title: "Head of People", dept: "HR", roles: ["HEAD", "HR"], teams: ["People Operations"] },
  { name: "Sven Lindqvist", title: "Payroll Specialist", dept: "HR", roles: ["AGENT"], teams: ["Payroll"] },
  { name: "Nadia Petrova", title: "People Operations Partner", dept: "HR", roles: ["AGENT"], teams: ["People Operations", "Payroll"] },
  { name: "Hana Horvat", email: "hana.hr@example.com", title: "People Analytics Partner", dept: "HR", roles: ["HR"] },
  { name: "Julia Meyer", title: "Recruiter", dept: "HR" },
  { name: "Anna Schmidt", title: "Learning and Development Specialist", dept: "HR" },
  // Legal
  { name: "Catherine Price", title: "General Counsel", dept: "LEG", roles: ["HEAD"], teams: ["Contracts"] },
  { name: "Rahul Mehta", title: "Commercial Counsel", dept: "LEG", roles: ["AGENT"], teams: ["Contracts"] },
  { name: "Olivia Bennett", title: "Compliance Manager", dept: "LEG", roles: ["AGENT"], teams: ["Compliance"] },
  { name: "Samuel Green", title: "Privacy Counsel", dept: "LEG", roles: ["AGENT"], teams: ["Compliance", "Contracts"] },
  { name: "Victoria Hayes", title: "Legal Assistant", dept: "LEG" },
  // Procurement
  { name: "Markus Vogel", title: "Head of Procurement", dept: "PRO", roles: ["HEAD"], teams: ["Strategic Sourcing"] },
  { name: "Elena Rossi", title: "Senior Buyer", dept: "PRO", roles: ["AGENT"], teams: ["Purchasing"] },
  { name: "Jonas Becker", title: "Category Manager IT", dept: "PRO", roles: ["AGENT"], teams: ["Strategic Sourcing"] },
  { name: "Yuki Tanaka", title: "Procurement Specialist", dept: "PRO", roles: ["AGENT"], teams: ["Purchasing", "Strategic Sourcing"] },
  { name: "Katarina Novak", title: "Supplier Quality Manager", dept: "PRO" },
  { name: "Matteo Conti", title: "Buyer", dept: "PRO" },
  // Marketing
  { name: "Rachel Goldberg", title: "VP Marketing", dept: "MKT", roles: ["HEAD"], teams: ["Brand & Design"] },
  { name: "Carlos Mendoza", title: "Senior Designer", dept: "MKT", roles: ["AGENT"], teams: ["Brand & Design"] },
  { name: "Hannah Park", title: "Events Manager", dept: "MKT", roles: ["AGENT"], teams: ["Events"] },
  { name: "Tyler Brooks", title: "Web Producer", dept: "MKT", roles: ["AGENT"], teams: ["Brand & Design", "Events"] },
  { name: "Erin Evans", email: "erin.employee@example.com", title: "Marketing Coordinator", dept: "MKT", files: 20 },
  { name: "Liam Foster", title: "Content Writer", dept: "MKT" },
  { name: "Grace Kim", title: "Social Media Manager", dept: "MKT" },
  { name: "Noah Williams", title: "Product Marketing Manager", dept: "MKT" },
  { name: "Maya Singh", title: "Brand Manager", dept: "MKT" },
  // Sales Operations
  { name: "Michael Thompson", title: "Head of Sales Operations", dept: "OPS", roles: ["HEAD"], teams: ["Deal Desk"] },
  { name: "Jessica Morales", title: "CRM Administrator", dept: "OPS", roles: ["AGENT"], teams: ["CRM & Tools"] },
  { name: "Kevin Walsh", title: "Deal Desk Analyst", dept: "OPS", roles: ["AGENT"], teams: ["Deal Desk"] },
  { name: "Samantha Lee", title: "Sales Operations Analyst", dept: "OPS", roles: ["AGENT"], teams: ["CRM & Tools", "Deal Desk"] },
  { name: "Ethan Johnson", title: "Account Executive", dept: "OPS" },
  { name: "Ava Martinez", title: "Sales Development Representative", dept: "OPS" },
  { name: "Benjamin Clark", title: "Account Manager", dept: "OPS" },
  { name: "Chloe Nguyen", title: "Customer Success Manager", dept: "OPS" },
  { name: "Mason Wright", title: "Regional Sales Director", dept: "OPS" },
  { name: "Lucas Silva", title: "Solutions Consultant", dept: "OPS" },
  { name: "Oliver Grant", title: "Account Executive", dept: "OPS", active: false },
  // Security, Travel, Data & Analytics, Communications: their heads; agents and staff are generated
  { name: "Nora Lindberg", title: "Head of Security", dept: "SEC", roles: ["HEAD"], teams: ["Security Operations"] },
  { name: "Patrick Doyle", title: "Head of Travel", dept: "TRV", roles: ["HEAD"], teams: ["Travel Desk"] },
  { name: "Ingrid Solberg", title: "Head of Data & Analytics", dept: "DAT", roles: ["HEAD"], teams: ["Reporting"] },
  { name: "Diana Marsh", title: "Head of Communications", dept: "COM", roles: ["HEAD"], teams: ["Internal Comms"] },
];

/** Oliver Grant left this many days before `now`; he filed requests only before that. */
export const DEACTIVATED_DAYS_AGO = 41;

export const COMPANIES = [
  "Northwind Traders",
  "Contoso Ltd",
  "Globex Corporation",
  "Initech",
  "Umbrella Logistics",
  "Fabrikam",
  "Tailspin Toys",
  "Litware Inc",
  "Adatum Corporation",
  "Proseware",
  "Wide World Importers",
  "Blue Harbor Consulting",
  "Lakeshore Analytics",
  "Brightline Media",
];

export const NEW_STARTERS = [
  "Jonas Richter",
  "Amelia Scott",
  "Mateo Alvarez",
  "Freya Andersen",
  "Omar Haddad",
  "Ines Duarte",
  "Leo Hartmann",
  "Chiara Bianchi",
  "Daniel Reyes",
  "Sofia Lindgren",
  "Kwame Mensah",
  "Ruby Walker",
];

export const SITES = ["Berlin HQ", "London office", "New York office"];

// Public holidays of the demo's time zones, late 2025 to mid 2027 (the year of history and the next).
export const HOLIDAYS: Record<string, string[]> = {
  "Europe/Berlin": [
    "2025-10-03", "2025-12-24", "2025-12-25", "2025-12-26", "2025-12-31", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25",
    "2026-10-03", "2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-01",
  ],
  "Europe/London": [
    "2025-08-25", "2025-12-25", "2025-12-26", "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
    "2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
  ],
  "America/New_York": [
    "2025-09-01", "2025-11-27", "2025-12-25", "2026-01-01", "2026-01-19", "2026-05-25", "2026-07-03",
    "2026-09-07", "2026-11-26", "2026-12-25", "2027-01-01", "2027-01-18", "2027-05-31", "2027-07-05",
  ],
};
