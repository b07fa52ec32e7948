// What the demo's generated colleagues are made of (prisma/seed/demo.ts draws them with its seeded
// generator): first and last names, and the job titles of each department's staff and agents.
import type { DeptKey } from "./organisation";

export const FIRST_NAMES = [
  "Aaron", "Abigail", "Adrian", "Agnes", "Ahmed", "Aiko", "Alba", "Alex", "Alice", "Amara", "Amir", "Ana", "Andrea", "Anton", "Astrid",
  "Beatriz", "Ben", "Bianca", "Bruno", "Camille", "Carla", "Caroline", "Cem", "Clara", "Connor", "Dalia", "Damian", "Dana", "David",
  "Dmitri", "Edith", "Eliza", "Elif", "Emil", "Emma", "Enzo", "Esther", "Fatima", "Felipe", "Finn", "Florian", "Gabriel", "Gemma",
  "Hamza", "Hugo", "Ida", "Imran", "Irene", "Isaac", "Jakob", "Jana", "Javier", "Jin", "Joana", "Karim", "Kate", "Kenji", "Lara",
  "Laura", "Leon", "Lina", "Louis", "Lucia", "Magnus", "Malik", "Marco", "Maria", "Martin", "Max", "Mila", "Nathan", "Nico", "Nina",
  "Oscar", "Paula", "Pedro", "Petra", "Quinn", "Rafael", "Rosa", "Sami", "Sara", "Simon", "Stella", "Tariq", "Tessa", "Theo", "Tobias",
  "Valentina", "Vera", "Viktor", "Wen", "Yara", "Yusuf", "Zoe",
];

export const LAST_NAMES = [
  "Achterberg", "Afolabi", "Almeida", "Andersson", "Baker", "Banerjee", "Bauer", "Brennan", "Castillo", "Dubois", "Eriksen", "Fernandes",
  "Fitzgerald", "Fuchs", "Garcia", "Gruber", "Haas", "Hansen", "Holm", "Ibrahim", "Jansen", "Jovanovic", "Kaplan", "Keller", "Klein",
  "Kovac", "Kruger", "Lambert", "Larsen", "Lehmann", "Lopez", "Marsh", "Moreau", "Murphy", "Nakamura", "Nielsen", "Novak", "Obi",
  "Olsen", "Ortiz", "Pereira", "Quinn", "Ramos", "Reid", "Roth", "Sandoval", "Sato", "Schubert", "Sorensen", "Stewart", "Suzuki",
  "Taylor", "Torres", "Vargas", "Vasquez", "Voigt", "Walker", "Ward", "Yilmaz", "Young", "Zimmermann",
];

/** Titles of the people who work in a department without taking its requests. */
export const STAFF_TITLES: Record<DeptKey, string[]> = {
  IT: ["Software Engineer", "Senior Software Engineer", "Frontend Developer", "QA Engineer", "DevOps Engineer", "Product Owner", "Engineering Manager"],
  FAC: ["Receptionist", "Office Assistant", "Mail Room Clerk", "Canteen Coordinator"],
  FIN: ["Accountant", "Financial Analyst", "Payroll Accountant", "Tax Specialist", "Billing Specialist"],
  HR: ["Recruiter", "HR Generalist", "Talent Partner", "Learning Coordinator"],
  LEG: ["Paralegal", "Legal Assistant", "Contract Manager"],
  PRO: ["Buyer", "Procurement Analyst", "Supplier Manager"],
  MKT: ["Content Writer", "Campaign Manager", "Graphic Designer", "SEO Specialist", "Product Marketing Manager", "Marketing Analyst"],
  OPS: ["Account Executive", "Sales Development Representative", "Account Manager", "Customer Success Manager", "Solutions Consultant", "Sales Engineer"],
  SEC: ["Security Analyst", "Risk Analyst", "Security Architect"],
  TRV: ["Travel Coordinator", "Events Logistics Assistant"],
  DAT: ["Data Scientist", "Data Analyst", "Analytics Engineer", "Machine Learning Engineer"],
  COM: ["Communications Specialist", "Editor", "Video Producer"],
};

/** Titles of a department's generated agents. */
export const AGENT_TITLES: Record<DeptKey, string[]> = {
  IT: ["Service Desk Analyst", "IT Support Specialist", "Systems Administrator", "Network Engineer", "Access Management Analyst"],
  FAC: ["Facilities Coordinator", "Maintenance Technician", "Workplace Coordinator", "Building Services Engineer"],
  FIN: ["Accounts Payable Specialist", "Controller"],
  HR: ["People Operations Partner", "Payroll Specialist"],
  LEG: ["Legal Counsel", "Compliance Officer"],
  PRO: ["Senior Buyer", "Procurement Specialist"],
  MKT: ["Designer", "Events Manager"],
  OPS: ["CRM Administrator", "Deal Desk Analyst"],
  SEC: ["Security Engineer", "Security Operations Analyst", "Physical Security Officer"],
  TRV: ["Travel Consultant", "Travel Desk Agent"],
  DAT: ["BI Developer", "Data Engineer", "Reporting Analyst"],
  COM: ["Internal Communications Manager", "Communications Officer"],
};
