-- The organisation's time zone (a setting, lib/org/organisation-time-zone.ts) cuts satisfaction
-- months from the next unpublished month on; each publication records the zone and the instants
-- [from, to) it covered. Months published before were cut in UTC.
ALTER TABLE "SatisfactionPublication" ADD COLUMN     "from" TIMESTAMP(3),
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "to" TIMESTAMP(3);

-- Publications are append-only: filling in what the earlier ones covered is the one change allowed, here.
ALTER TABLE "SatisfactionPublication" DISABLE TRIGGER "SatisfactionPublication_append_only";
UPDATE "SatisfactionPublication" SET "from" = ("month" || '-01')::timestamp, "to" = ("month" || '-01')::timestamp + interval '1 month';
ALTER TABLE "SatisfactionPublication" ENABLE TRIGGER "SatisfactionPublication_append_only";

ALTER TABLE "SatisfactionPublication" ALTER COLUMN "from" SET NOT NULL, ALTER COLUMN "to" SET NOT NULL;

-- A rating is never dated inside a published month: the month is now the publication's own instants.
CREATE OR REPLACE FUNCTION refuse_rating_in_published_month() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF EXISTS (SELECT 1 FROM "SatisfactionPublication" WHERE "from" <= NEW."createdAt" AND "to" > NEW."createdAt") THEN RAISE EXCEPTION ''a rating dated % falls in a month whose satisfaction figures are published'', NEW."createdAt" USING ERRCODE = ''check_violation''\073 END IF\073 RETURN NEW\073 END\073';
