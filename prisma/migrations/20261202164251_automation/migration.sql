-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "CannedResponse" ADD COLUMN     "setAssigneeId" TEXT,
ADD COLUMN     "setPriority" "Priority",
ADD COLUMN     "setStatus" "RequestStatus",
ADD COLUMN     "setTeamId" TEXT;

-- CreateTable
CREATE TABLE "AutomationRule" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "trigger" TEXT NOT NULL,
    "triggerCount" INTEGER,
    "conditions" JSONB NOT NULL DEFAULT '{}',
    "actions" JSONB NOT NULL DEFAULT '{}',
    "builtIn" TEXT,
    "activeFrom" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AutomationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationRun" (
    "id" BIGSERIAL NOT NULL,
    "ruleId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutomationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AutomationPending" (
    "eventId" BIGINT NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AutomationPending_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRule_actorId_key" ON "AutomationRule"("actorId");

-- CreateIndex
CREATE INDEX "AutomationRule_departmentId_position_idx" ON "AutomationRule"("departmentId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRule_departmentId_name_key" ON "AutomationRule"("departmentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRule_departmentId_builtIn_key" ON "AutomationRule"("departmentId", "builtIn");

-- CreateIndex
CREATE INDEX "AutomationRun_requestId_id_idx" ON "AutomationRun"("requestId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AutomationRun_ruleId_requestId_occurrence_key" ON "AutomationRun"("ruleId", "requestId", "occurrence");

-- CreateIndex
CREATE INDEX "Request_tags_idx" ON "Request" USING GIN ("tags");

-- AddForeignKey
ALTER TABLE "AutomationRule" ADD CONSTRAINT "AutomationRule_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationRule" ADD CONSTRAINT "AutomationRule_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationRun" ADD CONSTRAINT "AutomationRun_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AutomationRule"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AutomationRun" ADD CONSTRAINT "AutomationRun_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Events the automation worker must look at (lib/automation/run-event-rules.ts): only kinds that
-- trigger rules, only for departments with an enabled rule on events, and never an event written by
-- a rule's own person (a rule's change does not trigger rules again).
CREATE FUNCTION "automation_pending_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."actorId" IS NOT NULL AND EXISTS (SELECT 1 FROM "AutomationRule" r WHERE r."actorId" = NEW."actorId") THEN
    RETURN NULL;
  END IF;
  IF EXISTS (
    SELECT 1 FROM "AutomationRule" r JOIN "Request" q ON q."departmentId" = r."departmentId"
    WHERE q.id = NEW."requestId" AND r.enabled AND r.trigger IN ('request_filed', 'status_changed', 'requester_replied', 'field_matches')
  ) THEN
    INSERT INTO "AutomationPending"("eventId", "requestId") VALUES (NEW.id, NEW."requestId") ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "RequestEvent_automation_pending" AFTER INSERT ON "RequestEvent"
  FOR EACH ROW WHEN (NEW.type IN ('created', 'status_changed', 'priority_changed', 'commented', 'transferred'))
  EXECUTE FUNCTION "automation_pending_event"();

-- The built-in defaults for every existing department (lib/automation/default-rules.ts has the same
-- three for new departments), each with its own inactive person to act as (inserted by the CTE,
-- which PostgreSQL runs whether or not the outer statement reads it).
WITH defaults(built_in, name, position, trigger, count, actions) AS (
  VALUES
    ('remind', 'Remind the requester after 3 business days', 1, 'waiting_on_requester', 3,
     '{"reply":"Hello {{requester.firstName}}, we are still waiting for your answer on {{request.reference}}. Reply here when you can; if we hear nothing in 7 more working days we will resolve the request."}'::jsonb),
    ('resolve', 'Resolve after 7 more business days without an answer', 2, 'waiting_on_requester', 10,
     '{"reply":"Hello {{requester.firstName}}, we have not heard from you on {{request.reference}} for 10 working days, so we are resolving it. Reopen it if you still need help.","setStatus":"RESOLVED"}'::jsonb),
    ('close', 'Close resolved requests after 7 days', 3, 'resolved_for_days', 7,
     '{"setStatus":"CLOSED"}'::jsonb)
), people AS (
  INSERT INTO "Person" (id, email, name, "departmentId", active, "updatedAt")
  SELECT 'automation-' || df.built_in || '-' || d.id, 'automation-' || df.built_in || '-' || lower(d.id) || '@automation.invalid',
         'Automation: ' || df.name, d.id, false, CURRENT_TIMESTAMP
  FROM "Department" d CROSS JOIN defaults df
  RETURNING id
)
INSERT INTO "AutomationRule" (id, "departmentId", name, position, enabled, trigger, "triggerCount", conditions, actions, "builtIn", "actorId", "updatedAt")
SELECT 'rule-' || df.built_in || '-' || d.id, d.id, df.name, df.position, true, df.trigger, df.count, '{}'::jsonb, df.actions, df.built_in,
       'automation-' || df.built_in || '-' || d.id, CURRENT_TIMESTAMP
FROM "Department" d CROSS JOIN defaults df;
