import { beforeEach, describe, expect, it } from "vitest";
import * as articleRoute from "@/app/api/v1/articles/[department]/[slug]/route";
import * as articlesRoute from "@/app/api/v1/articles/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { Actor } from "@/lib/auth/permissions";
import { createArticle } from "@/lib/knowledge/create-article";
import { publishArticle } from "@/lib/knowledge/publish-article";
import { seedDesk, uid } from "../support/factories";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let desk: Awaited<ReturnType<typeof seedDesk>>;
beforeEach(async () => {
  desk = await seedDesk();
});

const tokenOf = async (actor: Actor) => (await createApiToken({ actor, input: { name: `t ${uid()}`, expiresIn: "never" } })).secret;

async function call(handler: unknown, options: { token: string; path: string; params?: Record<string, string> }) {
  const request = new Request(`http://desk.test/api/v1${options.path}`, { headers: { authorization: `Bearer ${options.token}` } });
  const response = await (handler as Handler)(request, { params: Promise.resolve(options.params ?? {}) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

async function article(visibility: "EVERYONE" | "AGENTS", title: string, publish = true) {
  const a = await createArticle({ actor: desk.agent, input: { departmentId: desk.provider.id, title, body: "Hello <script>alert(1)</script> **world**", visibility } });
  if (publish) await publishArticle({ actor: desk.head, input: { articleId: a.id, version: 1 } });
  return a;
}

describe("knowledge over the API", () => {
  it("searches and reads only what the token's person may read: never an internal article or a draft for an employee", async () => {
    const w = `zq${uid()}`;
    const open = await article("EVERYONE", `Badge ${w} lost`);
    const internal = await article("AGENTS", `Badge ${w} printer admin`);
    const draft = await article("EVERYONE", `Badge ${w} draft`, false);
    const employee = await tokenOf(desk.requester);
    const agent = await tokenOf(desk.agent);

    const found = await call(articlesRoute.GET, { token: employee, path: `/articles?q=${w}` });
    expect(found.status).toBe(200);
    expect(found.json.data.map((a: { id: string }) => a.id)).toEqual([open.id]);
    const agentFound = await call(articlesRoute.GET, { token: agent, path: `/articles?q=${w}` });
    expect(agentFound.json.data.map((a: { id: string }) => a.id).sort()).toEqual([open.id, internal.id].sort());

    const read = (token: string, slug: string) => call(articleRoute.GET, { token, path: `/articles/${desk.provider.key}/${slug}`, params: { department: desk.provider.key, slug } });
    const ok = await read(employee, open.slug);
    expect(ok.status).toBe(200);
    expect(ok.json.article.html).toContain("<strong>world</strong>");
    expect(ok.json.article.html).not.toContain("<script>");
    expect((await read(employee, internal.slug)).status).toBe(404);
    expect((await read(employee, draft.slug)).status).toBe(404);
    expect((await read(agent, draft.slug)).status).toBe(404);
    expect((await read(agent, internal.slug)).status).toBe(200);

    const bad = await call(articlesRoute.GET, { token: employee, path: "/articles?q=" });
    expect(bad.status).toBe(422);
  });
});
