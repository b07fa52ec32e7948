// Fills a PostgreSQL database with a large organisation for the page benchmarks:
//   npm run bench:generate                      # 1,000,000 requests into desk_bench on local PostgreSQL
//   npm run bench:generate -- --requests 100000 # smaller
// BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/desk_bench) names the database;
// it is DROPPED and created afresh, then migrated like the app does. Never point it at real data.
//
// Departments and people are written by INSERT ... SELECT over generate_series; requests, comments,
// events, clocks and ratings are generated in Node and streamed with COPY, with the big tables'
// secondary indexes dropped meanwhile and rebuilt afterwards (timings per phase: see the README).
// Deterministic: hashes of the row number, no random(). The SLA
// clocks of the busiest department's open requests are derived by the app's own recomputeClocks, so
// that queue's badges are real; the other clocks are written directly (see below).
//
// The generator itself is generate-organisation.ts. The roll-ups are built set-based (--rollups
// incremental: by the jobs' own runs, as before; slow at scale).
import { parseArgs } from "node:util";
import { generateOrganisation } from "./generate-organisation";

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "1000000" },
    people: { type: "string", default: "10000" },
    departments: { type: "string", default: "50" },
    articles: { type: "string", default: "10000" },
    rollups: { type: "string", default: "set-based" },
  },
});
if (args.rollups !== "set-based" && args.rollups !== "incremental") throw new Error("--rollups is set-based or incremental");

const url = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/desk_bench";
process.env.DATABASE_URL = url;
process.env.DESK_EMBEDDED = "false";

await generateOrganisation({
  url,
  requests: Number(args.requests),
  people: Number(args.people),
  departments: Number(args.departments),
  articles: Number(args.articles),
  rollups: args.rollups,
});
