
-- A rating is never dated in a month whose satisfaction figures are published: the publication
-- decided that month once, and a later rating in it would make a published quarter or year minus
-- its published months equal to that one rating. The app stamps ratings by this database's clock
-- after waiting for any publication in progress, so this refuses only a rating written around it.
CREATE FUNCTION refuse_rating_in_published_month() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF EXISTS (SELECT 1 FROM "SatisfactionPublication" WHERE "month" = to_char(NEW."createdAt", ''YYYY-MM'')) THEN RAISE EXCEPTION ''a rating dated % falls in a month whose satisfaction figures are published'', NEW."createdAt" USING ERRCODE = ''check_violation''\073 END IF\073 RETURN NEW\073 END\073';
CREATE TRIGGER "Rating_not_in_published_month" BEFORE INSERT ON "Rating"
  FOR EACH ROW EXECUTE FUNCTION refuse_rating_in_published_month();
