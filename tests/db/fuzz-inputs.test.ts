// The fuzz tier's second part: every use case that takes input from a person or a client, called
// with generated hostile input against the real database, as a person who may do everything (so
// input gets past the permission checks to the parsing and the queries behind them). A use case
// may succeed or refuse with an AppError; anything else (a database error, a RangeError, a
// TypeError) is a 500 or a "Something went wrong" waiting to happen, and fails the test.
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createRequestForApi } from "@/lib/api/create-request";
import { ApiError } from "@/lib/api/http";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { openAttachment } from "@/lib/attachments/open-attachment";
import type { Actor } from "@/lib/auth/permissions";
import { createCannedResponse, deleteCannedResponse, updateCannedResponse } from "@/lib/canned-responses/manage-canned-responses";
import { cannedResponsesForRequest } from "@/lib/canned-responses/canned-responses-for-request";
import { readOutboxEmail } from "@/lib/email/admin-mailbox";
import { openArticleFile } from "@/lib/knowledge/open-article-file";
import { addInboundAddress, inboundAddressSettings, setInboundAddressActive } from "@/lib/email/manage-inbound-addresses";
import { createRequestType } from "@/lib/catalog/create-request-type";
import { getRequestType } from "@/lib/catalog/list-catalog";
import { reorderRequestType } from "@/lib/catalog/reorder-request-type";
import { setRequestTypeActive } from "@/lib/catalog/set-request-type-active";
import { setRequestTypeFields } from "@/lib/catalog/set-request-type-fields";
import { setApprovalSteps } from "@/lib/catalog/set-approval-steps";
import { decideApproval, decideByLink } from "@/lib/approvals/decide-approval";
import { approvalLinkTarget } from "@/lib/approvals/read-approvals";
import { setDelegation } from "@/lib/approvals/set-delegation";
import { setManager } from "@/lib/org/manage-people";
import * as approvals from "@/lib/validation/approvals";
import { updateRequestType } from "@/lib/catalog/update-request-type";
import { db } from "@/lib/db/client";
import { organisationExperience } from "@/lib/experience/organisation-experience";
import { timeLostByType } from "@/lib/experience/time-lost-by-type";
import { setOrganisationTimeZone } from "@/lib/org/organisation-time-zone";
import { organisationTimeZoneKey } from "@/lib/satisfaction/read-organisation-time-zone";
import { AppError } from "@/lib/errors";
import { retryEmailDeliveries } from "@/lib/notifications/email-deliveries";
import { markNotificationsRead } from "@/lib/notifications/my-notifications";
import { updateNotificationPreferences } from "@/lib/notifications/preferences";
import { listPeople, personForAdmin } from "@/lib/org/admin-reads";
import { importDirectory } from "@/lib/org/import-directory";
import { createDepartment, setDepartmentHead, updateDepartment } from "@/lib/org/manage-departments";
import { createPerson, deactivatePerson, reactivatePerson, setRoles, updatePerson } from "@/lib/org/manage-people";
import { addTeamMember, createTeam, removeTeamMember, renameTeam, setTeamMembers, setTeamRule } from "@/lib/org/manage-teams";
import { setAvailability } from "@/lib/org/set-availability";
import { searchDepartmentAgents } from "@/lib/org/team-settings";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { assignByTeamRule } from "@/lib/requests/assign-by-rule";
import { bulkUpdateRequests } from "@/lib/requests/bulk-update-requests";
import { exportQueueCsv } from "@/lib/requests/export-queue-csv";
import { setDefaultQueueView, setQueueColumns } from "@/lib/requests/queue-layout";
import { deleteQueueView, saveQueueView } from "@/lib/requests/saved-queue-views";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { fileRequest } from "@/lib/requests/file-request";
import { getRequest } from "@/lib/requests/get-request";
import { linkRequests, unlinkRequests } from "@/lib/requests/link-requests";
import { listMyRequestsPage } from "@/lib/requests/list-my-requests-page";
import { listQueue } from "@/lib/requests/list-queue";
import { mergeRequest } from "@/lib/requests/merge-request";
import { removeWatcher } from "@/lib/requests/remove-watcher";
import { reopenRequest } from "@/lib/requests/reopen-request";
import { requestRelations } from "@/lib/requests/request-relations";
import { resolveReference } from "@/lib/requests/resolve-reference";
import { searchPeople } from "@/lib/requests/search-people";
import { checkMentions, mentionCandidates } from "@/lib/requests/mention-candidates";
import { transferRequest } from "@/lib/requests/transfer-request";
import { updateRequest } from "@/lib/requests/update-request";
import { answerPulse } from "@/lib/satisfaction/answer-pulse";
import { updateAnonymityThresholds } from "@/lib/satisfaction/anonymity-settings";
import { createPulseSurvey } from "@/lib/satisfaction/create-pulse-survey";
import { closePulseRound, deactivatePulseSurvey } from "@/lib/satisfaction/manage-pulse-surveys";
import { rateRequest } from "@/lib/satisfaction/rate-request";
import { ratingLinkTarget } from "@/lib/satisfaction/rating-prompt";
import { searchRequests } from "@/lib/search/search-requests";
import { announceKnownIssue } from "@/lib/knowledge/announce-known-issue";
import { articleForReply } from "@/lib/knowledge/article-for-reply";
import { createArticle } from "@/lib/knowledge/create-article";
import { draftArticleFromRequest } from "@/lib/knowledge/draft-from-request";
import { editArticle } from "@/lib/knowledge/edit-article";
import { endKnownIssue } from "@/lib/knowledge/end-known-issue";
import { flagArticleOutdated } from "@/lib/knowledge/flag-outdated";
import { followKnownIssue } from "@/lib/knowledge/follow-known-issue";
import { returnArticleToAgent } from "@/lib/knowledge/return-article";
import { getArticle } from "@/lib/knowledge/get-article";
import { publishArticle } from "@/lib/knowledge/publish-article";
import { recordDeflection } from "@/lib/knowledge/record-deflection";
import { searchArticles } from "@/lib/knowledge/search-articles";
import { setKnowledgeEditor } from "@/lib/knowledge/set-knowledge-editor";
import { suggestArticles } from "@/lib/knowledge/suggest-articles";
import { voteArticle } from "@/lib/knowledge/vote-article";
import { linkToProblem, unlinkFromProblem } from "@/lib/problems/link-to-problem";
import { resolveProblem } from "@/lib/problems/resolve-problem";
import * as knowledge from "@/lib/validation/knowledge";
import { createCalendar, importHolidaysFromIcs, previewHolidayImport, updateCalendar } from "@/lib/service-levels/manage-calendars";
import { createPolicy, reorderPolicy, setPolicyActive, updatePolicy } from "@/lib/service-levels/manage-policies";
import { recordBrowserTimeZone } from "@/lib/org/record-browser-time-zone";
import { setMyTimeZone } from "@/lib/org/set-my-time-zone";
import * as account from "@/lib/validation/account";
import * as api from "@/lib/validation/api";
import * as anonymity from "@/lib/validation/anonymity";
import * as canned from "@/lib/validation/canned-responses";
import * as automation from "@/lib/validation/automation";
import { createRule, moveRule, setRuleEnabled, updateRule } from "@/lib/automation/manage-rules";
import { automationLog, automationSettings } from "@/lib/automation/rule-settings";
import { applyMacro, replyWithMacro } from "@/lib/canned-responses/apply-macro";
import { setRequestTags } from "@/lib/requests/set-request-tags";
import { setRequestTeam } from "@/lib/requests/set-request-team";
import * as email from "@/lib/validation/email";
import * as catalog from "@/lib/validation/catalog-settings";
import * as audit from "@/lib/validation/audit";
import { exportAuditLog, listAuditLog } from "@/lib/org/audit-log";
import * as notifications from "@/lib/validation/notifications";
import * as org from "@/lib/validation/org";
import * as pulse from "@/lib/validation/pulse";
import * as ratings from "@/lib/validation/ratings";
import * as relations from "@/lib/validation/request-relations";
import * as scim from "@/lib/validation/scim";
import * as webhooks from "@/lib/validation/webhooks";
import { createScimToken, revokeScimToken } from "@/lib/scim/scim-tokens";
import { createWebhook, deleteWebhook, rotateWebhookSecret, setWebhookActive, updateWebhook } from "@/lib/webhooks/manage-webhooks";
import * as queueViews from "@/lib/validation/queue-views";
import * as requests from "@/lib/validation/requests";
import * as sla from "@/lib/validation/sla-settings";
import { isStorableText } from "@/lib/validation/text";
import { hostile, keysOf } from "../support/hostile";
import { actorOf, seedDesk, seedPerson, uid } from "../support/factories";

type Desk = Awaited<ReturnType<typeof seedDesk>>;
let desk: Desk;
let boss: Actor;
let known: string[];
let valid: Record<string, unknown>;
let tokenId: string;
let webhookId: string;
let started: Date;

beforeAll(async () => {
  desk = await seedDesk([
    { key: "room", label: "Room", kind: "text", required: true },
    { key: "needed", label: "Needed by", kind: "date" },
    { key: "count", label: "Count", kind: "number" },
  ]);
  const row = await seedPerson({
    departmentId: desk.provider.id,
    roles: [{ role: "HEAD", departmentId: desk.provider.id }, { role: "AGENT", departmentId: desk.provider.id }, { role: "HR" }, { role: "ADMIN" }],
  });
  boss = await actorOf(row.id);
  const filed = await fileRequest({ actor: desk.requester, input: { typeId: desk.type.id, title: "Broken chair", description: "It wobbles", fieldValues: { room: "B12" }, submissionKey: `fuzz-${uid()}` } });
  const request = await db().request.findUniqueOrThrow({ where: { id: filed.id }, include: { department: true } });
  const reference = `${request.department.key}-${request.number}`;
  tokenId = (await createApiToken({ actor: boss, input: { name: "fuzz" } })).id;
  webhookId = (await createWebhook({ actor: boss, input: { owner: "mine", name: "fuzz", url: "https://93.184.216.34/hook", events: ["request.filed"] } })).id;
  // Real ids and keys, so that part of the input reaches the code behind "not found".
  // A valid value per field name: most generated inputs are these but for a hostile field or two.
  valid = {
    requestId: request.id,
    expectedVersion: "1",
    typeId: desk.type.id,
    title: "Broken desk",
    description: "The leg is loose",
    fieldValues: { room: "B12", needed: "2026-12-01", count: "2" },
    submissionKey: `fuzz-key-${uid()}`,
    body: "Any news?",
    visibility: "PUBLIC",
    reason: "Because",
    status: "OPEN",
    priority: "HIGH",
    personId: desk.agent.id,
    departmentId: desk.provider.id,
    toDepartmentId: desk.other.id,
    trigger: "request_filed",
    direction: "up",
    enabled: false,
    otherReference: reference,
    targetReference: reference,
    name: "Fuzzed name",
    departmentKey: desk.provider.key,
    shared: "on",
    filter: { status: "ACTIVE", sort: "due" },
    columns: ["sla", "from"],
    view: "mine",
    score: "2",
    comment: "Slow",
    cycle: "1",
    timeZone: "Europe/Berlin",
    period: "2026-11",
    cadence: "ONCE",
    scope: desk.provider.id,
    query: "an",
    problemReference: reference,
    fix: "Replaced the part",
    linked: "return",
    note: "Out of date",
    mode: "link",
    helpful: "true",
    tags: "printer floor3",
    csv: "email,name,title,department,roles\nx@example.com,X,,FAC,",
    // Webhooks: an address by IP, so that no generated input sends the save-time check to DNS.
    url: "https://93.184.216.34/hook",
    webhookId,
    events: ["request.filed", "request.commented"],
    owner: "mine",
    format: "JSON",
  };
  known = [webhookId, request.id, reference, desk.type.id, desk.type.slug, desk.provider.id, desk.provider.key, desk.other.id, desk.other.key, boss.id, desk.agent.id, desk.requester.id, "1", "2", "NORMAL", "OPEN", "PUBLIC", "me", "2026-11", "2026-Q4", "2026-12-01", "Europe/Berlin"];
});

afterAll(async () => {
  await db().webhook.deleteMany({ where: { OR: [{ personId: boss.id }, { departmentId: desk.provider.id }] } });
});

// Org-wide state a lucky input may change is put back, so other files see the organisation they expect.
let thresholds: unknown;
afterEach(async () => {
  await db().setting.deleteMany({ where: { key: "anonymityThresholds" } });
  await db().webhook.deleteMany({ where: { createdAt: { gte: started } } });
  if (thresholds) await db().setting.create({ data: { key: "anonymityThresholds", value: thresholds } });
  // The organisation's zone ("Europe/Berlin" is among the known values a case may send).
  await db().setting.deleteMany({ where: { key: organisationTimeZoneKey } });
  // People and departments a lucky input created (rare: an email or a key must come out valid).
  const people = { createdAt: { gte: started }, id: { notIn: [boss.id, desk.agent.id, desk.head.id, desk.requester.id, desk.outsiderAgent.id] } };
  await db().roleGrant.deleteMany({ where: { person: people } });
  await db().person.deleteMany({ where: people }).catch(() => {});
  await db().department.deleteMany({ where: { createdAt: { gte: started }, id: { notIn: [desk.provider.id, desk.other.id] } } }).catch(() => {});
});

type UseCase = { name: string; call: (actor: Actor, input: unknown) => Promise<unknown>; keys: readonly string[] };

/** A use case taking `{ actor, input }`, fed hostile input in its schema's shape. */
const withInput = (name: string, fn: (options: { actor: Actor; input: never }) => Promise<unknown>, schema: z.ZodType): UseCase => ({
  name,
  call: (actor, input) => fn({ actor, input: input as never }),
  keys: keysOf(schema),
});
/**
 * Where a named option comes from: a path segment (proxy.ts refuses NUL and undecodable escapes
 * there), any other text a person sends, or a list of ids already parsed by a schema.
 */
type Source = "path" | "text" | "ids";
type OptionsCase = { name: string; call: (actor: Actor, options: Record<string, unknown>) => Promise<unknown>; sources: Record<string, Source> };
/** A use case taking named options, each fed hostile strings of its source. */
const withOptions = (name: string, fn: (options: never) => Promise<unknown>, sources: Record<string, Source>): OptionsCase => ({
  name,
  call: (actor, options) => fn({ ...options, actor } as never),
  sources,
});

const useCases: UseCase[] = [
  withInput("createWebhook", createWebhook, webhooks.createWebhookSchema),
  withInput("updateWebhook", updateWebhook, webhooks.updateWebhookSchema),
  withInput("setWebhookActive", setWebhookActive, webhooks.setWebhookActiveSchema),
  withInput("rotateWebhookSecret", rotateWebhookSecret, webhooks.webhookIdSchema),
  withInput("deleteWebhook", deleteWebhook, webhooks.webhookIdSchema),
  withInput("createScimToken", createScimToken, scim.createScimTokenSchema),
  withInput("revokeScimToken", revokeScimToken, scim.revokeScimTokenSchema),
  withInput("fileRequest", fileRequest, requests.fileRequestSchema),
  withInput("addComment", addComment, requests.commentSchema),
  withInput("updateRequest", updateRequest, requests.updateRequestSchema),
  withInput("assignByTeamRule", assignByTeamRule, requests.assignByRuleSchema),
  withInput("reopenRequest", reopenRequest, requests.reopenSchema),
  withInput("cancelRequest", cancelRequest, requests.cancelSchema),
  withInput("addWatcher", addWatcher, requests.watcherSchema),
  withInput("removeWatcher", removeWatcher, requests.watcherSchema),
  withInput("createArticle", createArticle, knowledge.createArticleSchema),
  withInput("editArticle", editArticle, knowledge.editArticleSchema),
  withInput("publishArticle", publishArticle, knowledge.publishArticleSchema),
  withInput("voteArticle", voteArticle, knowledge.voteSchema),
  withInput("recordDeflection", recordDeflection, knowledge.deflectionSchema),
  withInput("suggestArticles", suggestArticles, knowledge.suggestSchema),
  withInput("flagArticleOutdated", flagArticleOutdated, knowledge.flagOutdatedSchema),
  withInput("articleForReply", articleForReply, knowledge.articleForReplySchema),
  withInput("draftArticleFromRequest", draftArticleFromRequest, knowledge.draftFromRequestSchema),
  withInput("setKnowledgeEditor", setKnowledgeEditor, knowledge.editorSchema),
  withInput("returnArticleToAgent", returnArticleToAgent, knowledge.returnArticleSchema),
  withInput("announceKnownIssue", announceKnownIssue, knowledge.knownIssueSchema),
  withInput("endKnownIssue", endKnownIssue, knowledge.endKnownIssueSchema),
  withInput("followKnownIssue", followKnownIssue, knowledge.knownIssueRefSchema),
  withInput("linkToProblem", linkToProblem, knowledge.linkProblemSchema),
  withInput("unlinkFromProblem", unlinkFromProblem, knowledge.unlinkProblemSchema),
  withInput("resolveProblem", resolveProblem, knowledge.resolveProblemSchema),
  withInput("bulkUpdateRequests", bulkUpdateRequests, requests.bulkUpdateSchema),
  withInput("saveQueueView", saveQueueView, queueViews.saveQueueViewSchema),
  withInput("deleteQueueView", deleteQueueView, queueViews.queueViewRefSchema),
  withInput("setQueueColumns", setQueueColumns, queueViews.queueColumnsSchema),
  withInput("setDefaultQueueView", setDefaultQueueView, queueViews.defaultQueueViewSchema),
  withInput("transferRequest", transferRequest, relations.transferSchema),
  withInput("mergeRequest", mergeRequest, relations.mergeSchema),
  withInput("linkRequests", linkRequests, relations.linkSchema),
  withInput("unlinkRequests", unlinkRequests, relations.unlinkSchema),
  withInput("rateRequest", rateRequest, ratings.rateRequestSchema),
  withInput("createApiToken", createApiToken, api.createApiTokenSchema),
  withInput("revokeApiToken", revokeApiToken, api.revokeApiTokenSchema),
  withInput("createRequestType", createRequestType, catalog.createRequestTypeSchema),
  withInput("updateRequestType", updateRequestType, catalog.updateRequestTypeSchema),
  withInput("setRequestTypeFields", setRequestTypeFields, catalog.setRequestTypeFieldsSchema),
  withInput("setApprovalSteps", setApprovalSteps, approvals.setApprovalStepsSchema),
  withInput("setManager", setManager, org.setManagerSchema),
  withInput("decideApproval", decideApproval, approvals.decideApprovalSchema),
  withInput("decideByLink", decideByLink, approvals.decideByLinkSchema),
  withInput("setDelegation", setDelegation, approvals.setDelegationSchema),
  withInput("setRequestTypeActive", setRequestTypeActive, catalog.setRequestTypeActiveSchema),
  withInput("reorderRequestType", reorderRequestType, catalog.reorderRequestTypeSchema),
  withInput("createCannedResponse", createCannedResponse, canned.createCannedResponseSchema),
  withInput("updateCannedResponse", updateCannedResponse, canned.updateCannedResponseSchema),
  withInput("deleteCannedResponse", deleteCannedResponse, canned.cannedResponseRefSchema),
  withInput("addInboundAddress", addInboundAddress, email.addInboundAddressSchema),
  withInput("setInboundAddressActive", setInboundAddressActive, email.setInboundAddressActiveSchema),
  withInput("createCalendar", createCalendar, sla.createCalendarSchema),
  withInput("updateCalendar", updateCalendar, sla.updateCalendarSchema),
  withInput("importHolidaysFromIcs", importHolidaysFromIcs, sla.importHolidaysSchema),
  withInput("previewHolidayImport", previewHolidayImport, sla.importHolidaysSchema),
  withInput("createPolicy", createPolicy, sla.createPolicySchema),
  withInput("updatePolicy", updatePolicy, sla.updatePolicySchema),
  withInput("reorderPolicy", reorderPolicy, sla.reorderPolicySchema),
  withInput("setPolicyActive", setPolicyActive, sla.setPolicyActiveSchema),
  withInput("createDepartment", createDepartment, org.createDepartmentSchema),
  withInput("updateDepartment", updateDepartment, org.updateDepartmentSchema),
  withInput("setDepartmentHead", setDepartmentHead, org.setDepartmentHeadSchema),
  withInput("createTeam", createTeam, org.createTeamSchema),
  withInput("renameTeam", renameTeam, org.renameTeamSchema),
  withInput("setTeamMembers", setTeamMembers, org.setTeamMembersSchema),
  withInput("addTeamMember", addTeamMember, org.teamMemberSchema),
  withInput("removeTeamMember", removeTeamMember, org.teamMemberSchema),
  withInput("setTeamRule", setTeamRule, org.setTeamRuleSchema),
  withInput("setAvailability", setAvailability, org.setAvailabilitySchema),
  withInput("createPerson", createPerson, org.createPersonSchema),
  withInput("updatePerson", updatePerson, org.updatePersonSchema),
  withInput("setRoles", setRoles, org.setRolesSchema),
  withInput("deactivatePerson", deactivatePerson, org.personRefSchema),
  withInput("reactivatePerson", reactivatePerson, org.personRefSchema),
  withInput("updateNotificationPreferences", updateNotificationPreferences, notifications.notificationPreferencesSchema),
  withInput("setMyTimeZone", setMyTimeZone, account.myTimeZoneSchema),
  withInput("recordBrowserTimeZone", recordBrowserTimeZone, account.browserTimeZoneSchema),
  // Always naming a delivery: without one it retries every failed delivery, other files' too.
  withInput("retryEmailDeliveries", (o) => retryEmailDeliveries({ ...o, input: { ...(o.input as object), deliveryId: (o.input as { deliveryId?: string } | null)?.deliveryId ?? "none" } }), notifications.emailRetrySchema),
  withInput("createPulseSurvey", createPulseSurvey, pulse.createPulseSurveySchema),
  withInput("answerPulse", answerPulse, pulse.answerPulseSchema),
  withInput("closePulseRound", closePulseRound, pulse.pulseRoundIdSchema),
  withInput("deactivatePulseSurvey", deactivatePulseSurvey, pulse.pulseSurveyIdSchema),
  withInput("updateAnonymityThresholds", updateAnonymityThresholds, anonymity.anonymityThresholdsSchema),
  withInput("setOrganisationTimeZone", setOrganisationTimeZone, org.organisationTimeZoneSchema),
  withInput("createRule", createRule, automation.createRuleSchema),
  withInput("updateRule", updateRule, automation.updateRuleSchema),
  withInput("setRuleEnabled", setRuleEnabled, automation.setRuleEnabledSchema),
  withInput("moveRule", moveRule, automation.moveRuleSchema),
  withInput("setRequestTags", setRequestTags, automation.setTagsSchema),
  withInput("setRequestTeam", setRequestTeam, automation.setTeamSchema),
  withInput("applyMacro", applyMacro, canned.applyMacroSchema),
  // The reply form's send with a macro: the reply's fields and the macro's id from the same form.
  {
    name: "replyWithMacro",
    // The id goes in as generated (String() of a null-prototype object would throw here, in the harness): the use case's schema refuses what is not a string.
    call: (actor, input) => replyWithMacro({ actor, input: input as never, cannedResponseId: (input as { cannedResponseId?: unknown } | null)?.cannedResponseId as string }),
    keys: [...new Set([...keysOf(requests.commentSchema), "cannedResponseId"])],
  },
];

const optionCases: OptionsCase[] = [
  withOptions("searchRequests", searchRequests, { query: "text", cursor: "text" }),
  withOptions("searchPeople", searchPeople, { query: "text" }),
  withOptions("mentionCandidates", mentionCandidates, { requestId: "text", query: "text" }),
  withOptions("checkMentions", checkMentions, { requestId: "text", body: "text", visibility: "text" }),
  withOptions("searchDepartmentAgents", searchDepartmentAgents, { departmentId: "text", query: "text" }),
  withOptions("getRequest", getRequest, { reference: "path" }),
  withOptions("resolveReference", resolveReference, { reference: "path" }),
  withOptions("requestRelations", requestRelations, { requestId: "path" }),
  withOptions("cannedResponsesForRequest", cannedResponsesForRequest, { requestId: "path" }),
  withOptions("automationSettings", automationSettings, { departmentKey: "path" }),
  withOptions("automationLog", automationLog, { requestId: "path" }),
  withOptions("inboundAddressSettings", inboundAddressSettings, { departmentKey: "path" }),
  withOptions("readOutboxEmail", readOutboxEmail, { deliveryId: "path" }),
  withOptions("getRequestType", getRequestType, { departmentKey: "path", slug: "path" }),
  withOptions("openAttachment", openAttachment, { id: "text" }),
  withOptions("markNotificationsRead", markNotificationsRead, { ids: "ids" }),
  withOptions("listMyRequestsPage", listMyRequestsPage, { cursor: "text" }),
  withOptions("personForAdmin", personForAdmin, { personId: "path" }),
  withOptions("importDirectory", importDirectory, { csv: "text" }),
  withOptions("ratingLinkTarget", ratingLinkTarget, { token: "path" }),
  withOptions("approvalLinkTarget", approvalLinkTarget, { token: "path" }),
  withOptions("searchArticles", searchArticles, { query: "text" }),
  withOptions("getArticle", getArticle, { departmentKey: "path", slug: "path" }),
  withOptions("organisationExperience", organisationExperience, { period: "text" }),
  withOptions("timeLostByType", timeLostByType, { period: "text", departmentId: "text" }),
  withOptions("openArticleFile", openArticleFile, { id: "text" }),
];

describe("every use case against hostile input", () => {
  beforeAll(async () => {
    thresholds = (await db().setting.findUnique({ where: { key: "anonymityThresholds" } }))?.value;
  });

  it.each(useCases)("$name", async ({ call, keys }) => {
    started = new Date();
    const { input } = hostile(known, valid);
    await fc.assert(
      fc.asyncProperty(input(keys), async (given) => {
        await expectOnlyAppErrors(() => call(boss, given));
      }),
      { numRuns: 40 },
    );
  });

  it.each(optionCases)("$name", async ({ call, sources }) => {
    started = new Date();
    const { string } = hostile(known, valid);
    const pathSegment = string.filter((v) => !v.includes("\u0000") && isStorableText(v));
    // Ids come parsed by the action's schema, which refuses what cannot be stored.
    const of = { path: pathSegment, text: string, ids: fc.array(pathSegment, { maxLength: 3 }) } as const;
    await fc.assert(
      fc.asyncProperty(fc.record(Object.fromEntries(Object.entries(sources).map(([key, source]) => [key, of[source]]))), async (options) => {
        await expectOnlyAppErrors(() => call(boss, options));
      }),
      { numRuns: 25 },
    );
  });

  it("the audit log's page and CSV export, whose filters are nested one level down", async () => {
    started = new Date();
    const h = hostile(known, valid);
    await fc.assert(
      fc.asyncProperty(h.input(keysOf(audit.auditFiltersSchema)), async (filters) => {
        await expectOnlyAppErrors(() => listAuditLog({ actor: boss, filters: filters as never, timeZone: "Europe/Berlin" }));
        await expectOnlyAppErrors(() => exportAuditLog({ actor: boss, filters: filters as never, timeZone: "UTC" }));
      }),
      { numRuns: 25 },
    );
  });

  it("listQueue, its CSV export, listPeople and the API's filing, whose input is nested one level down", async () => {
    started = new Date();
    const h = hostile(known, valid);
    await fc.assert(
      fc.asyncProperty(h.string.filter(isStorableText), h.input(keysOf(requests.queueFilterSchema)), h.input(keysOf(org.peopleSearchSchema)), h.input(keysOf(api.apiFileRequestSchema)), h.string, async (departmentKey, filter, search, body, idempotencyKey) => {
        await expectOnlyAppErrors(() => listQueue({ actor: boss, departmentKey, filter: filter as never }));
        await expectOnlyAppErrors(() => exportQueueCsv({ actor: boss, timeZone: "Europe/Berlin", departmentKey, filter: filter as never }));
        await expectOnlyAppErrors(() => listPeople({ actor: boss, search: search as never }));
        await expectOnlyAppErrors(() => createRequestForApi({ actor: boss, tokenId, idempotencyKey, body }));
      }),
      { numRuns: 25 },
    );
  });
});

/** Runs one call: it may succeed or refuse with a 4xx error; anything else fails the test, naming what was thrown. */
async function expectOnlyAppErrors(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    // The API's own refusals (a bad header, the body) are ApiErrors: a 4xx like any AppError.
    if (error instanceof AppError || (error instanceof ApiError && error.status < 500)) return;
    expect.fail(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}
