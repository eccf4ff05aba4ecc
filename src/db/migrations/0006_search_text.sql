-- Full-text search over message text. Words are folded the same way in documents and queries: accents
-- removed (unaccent, shipped with PostgreSQL's contrib and trusted, so a database owner may create it)
-- and lower-cased by the 'simple' configuration, which never stems: Spanish and English read alike.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); a generated column needs IMMUTABLE, so these
-- wrappers pin the dictionary. Every name inside is schema-qualified, so the column computes the same
-- under any search_path (a dump restored with an empty one included).
DO $migration$
DECLARE
  ext_schema text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                      WHERE e.extname = 'unaccent');
  own_schema text := current_schema();
BEGIN
  EXECUTE format(
    'CREATE FUNCTION %1$I.chat_search_text(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE '
    'AS $fn$ SELECT %2$I.unaccent(%3$L::regdictionary, $1) $fn$',
    own_schema, ext_schema, quote_ident(ext_schema) || '.unaccent');
  EXECUTE format(
    'CREATE FUNCTION %1$I.chat_search_vector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE '
    'AS $fn$ SELECT pg_catalog.to_tsvector(''pg_catalog.simple''::regconfig, %1$I.chat_search_text($1)) $fn$',
    own_schema);
END
$migration$;--> statement-breakpoint
-- Kept by PostgreSQL on every insert and edit; null once the content is erased (delete for everyone).
ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (chat_search_vector("content")) STORED;--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("search_vector");--> statement-breakpoint
-- Statistics on ten times as many words as by default: a search's plan (the GIN index for a rare word, a
-- newest-first walk for a common one) depends on telling rare words from common ones.
ALTER TABLE "messages" ALTER COLUMN "search_vector" SET STATISTICS 1000;
