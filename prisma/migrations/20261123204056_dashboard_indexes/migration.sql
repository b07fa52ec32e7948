-- CreateIndex
CREATE INDEX "Request_departmentId_resolvedAt_idx" ON "Request"("departmentId", "resolvedAt");


-- Assignments of an agent in a period (the head dashboard's agent table). schema.prisma cannot
-- express an index on an expression with a condition, so it is written here by hand, and the drift test
-- ignores indexes named xpr_*. The expression must stay what lib/reports/agent-performance.ts uses.
CREATE INDEX IF NOT EXISTS "xpr_assigned_events" ON "RequestEvent" (("to"->>'assigneeId'), "createdAt") WHERE "type" = 'assigned';
