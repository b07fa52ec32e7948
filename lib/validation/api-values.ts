// How long a personal API token may live, with no zod: client components import these, and the schemas beside them are built on them.

export const tokenExpiryChoices = ["30", "90", "365", "never"] as const;
