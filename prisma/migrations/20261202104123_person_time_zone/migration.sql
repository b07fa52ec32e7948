-- CreateEnum
CREATE TYPE "TimeZoneSource" AS ENUM ('DEFAULT', 'BROWSER', 'CHOSEN', 'DEPARTMENT');

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "timeZoneSource" "TimeZoneSource" NOT NULL DEFAULT 'DEFAULT';


-- Backfill: everyone starts in their department's zone until their browser reports one at their
-- next sign-in or they choose one.
UPDATE "Person" p SET "timeZone" = d."timeZone" FROM "Department" d WHERE d."id" = p."departmentId";

-- A person whose zone is their department's (DEFAULT, DEPARTMENT) gets it from the database on every
-- insert and move, whoever writes the row (admin, directory import, sign-in, seed).
CREATE FUNCTION person_time_zone_from_department() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF NEW."timeZoneSource" IN (''DEFAULT'', ''DEPARTMENT'') THEN SELECT d."timeZone" INTO NEW."timeZone" FROM "Department" d WHERE d."id" = NEW."departmentId"\073 END IF\073 RETURN NEW\073 END\073';
CREATE TRIGGER "Person_time_zone_from_department" BEFORE INSERT OR UPDATE OF "departmentId", "timeZone", "timeZoneSource" ON "Person"
  FOR EACH ROW EXECUTE FUNCTION person_time_zone_from_department();

-- ... and follows it when the department's zone changes.
CREATE FUNCTION department_time_zone_to_people() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "Person" SET "timeZone" = NEW."timeZone" WHERE "departmentId" = NEW."id" AND "timeZoneSource" IN (''DEFAULT'', ''DEPARTMENT'')\073 RETURN NULL\073 END\073';
CREATE TRIGGER "Department_time_zone_to_people" AFTER UPDATE OF "timeZone" ON "Department"
  FOR EACH ROW WHEN (OLD."timeZone" IS DISTINCT FROM NEW."timeZone") EXECUTE FUNCTION department_time_zone_to_people();
