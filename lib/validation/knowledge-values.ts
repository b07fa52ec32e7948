// Who may read an article, and how that reads, with no zod: client components import these, and the schemas beside them are built on them.

export const articleVisibilities = ["EVERYONE", "AGENTS"] as const;
export const articleVisibilityLabel: Record<(typeof articleVisibilities)[number], string> = {
  EVERYONE: "Everyone",
  AGENTS: "The department's agents only",
};
