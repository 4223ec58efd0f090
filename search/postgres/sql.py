"""The SQL that keeps the PostgreSQL engine's search rows current (installed by migrations).

`portal_search_fold` is the SQL twin of `search.text.fold`: a test checks they
agree. Words are split on anything that is not a letter or digit, as
`search.text.words` does.
"""

from __future__ import annotations

# Decomposed (NFD), the Vietnamese marks are combining characters U+0300-U+036F; đ and its
# look-alike ð (often typed for Đ) are letters of their own. A per-character map (translate)
# over every accented letter is several times slower on long texts.
FOLD_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION portal_search_fold(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT translate(
           regexp_replace(normalize(lower(coalesce(t, '')), NFD), '[\\u0300-\\u036f]+', '', 'g'),
           'đð', 'dd')
$$;
"""

# The original words of every field `document` holds (migration 0007 added the number and the
# attached files, as Elasticsearch's `all_text` holds them): a word typed with diacritics is
# faithful wherever it is found.
EXACT_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION portal_search_exact(
  title text, number text, summary text, body text, attachments text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT portal_search_original(title, 'A') || portal_search_original(number, 'B')
      || portal_search_original(summary, 'C') || portal_search_original(body, 'D')
      || portal_search_original(attachments, 'D')
$$;
"""

TRIGGER_COLUMNS = (
    "unit_id, kind, status, title, summary, body_text, doc_number, doc_type, issuer, issued,"
    " published_at"
)


def install_sql(time_zone: str) -> str:
    return (
        FOLD_FUNCTION_SQL
        + """
CREATE OR REPLACE FUNCTION portal_search_words(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(coalesce(t, ''), '[^[:alnum:]]+', ' ', 'g')
$$;

CREATE OR REPLACE FUNCTION portal_search_doc_key(n text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT upper(regexp_replace(portal_search_fold(n), '[^[:alnum:]]+', '', 'g'))
$$;

CREATE OR REPLACE FUNCTION portal_search_folded(t text, w "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('simple', portal_search_words(portal_search_fold(t))), w)
$$;

CREATE OR REPLACE FUNCTION portal_search_original(t text, w "char") RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(
           to_tsvector('simple', portal_search_words(lower(normalize(coalesce(t, ''), NFC)))), w)
$$;

CREATE OR REPLACE FUNCTION portal_search_document(
  title text, number text, summary text, body text, attachments text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT portal_search_folded(title, 'A') || portal_search_folded(number, 'B')
      || portal_search_folded(summary, 'C') || portal_search_folded(body, 'D')
      || portal_search_folded(attachments, 'D')
$$;

CREATE OR REPLACE FUNCTION portal_search_exact(title text, summary text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT portal_search_original(title, 'A') || portal_search_original(summary, 'C')
      || portal_search_original(body, 'D')
$$;
"""
        + EXACT_FUNCTION_SQL
        + """

"""
        + sync_function_sql(time_zone, facets=False)
        + f"""
CREATE TRIGGER portal_search_sync
AFTER INSERT OR UPDATE OF {TRIGGER_COLUMNS} ON portal_publications_publication
FOR EACH ROW EXECUTE FUNCTION portal_search_sync();

-- Rows written before this migration.
UPDATE portal_publications_publication SET title = title;
"""
    )


# Facet values as lexemes no query word can be (words are letters and digits only; text values
# hashed), so that one GIN index on (document, facets) finds rows by words and filters at once.
FACETS_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION portal_search_facets(
  unit bigint, kind text, doc_type text, issuer text, year integer
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY[
    '#u' || unit, '#k' || md5(coalesce(kind, '')), '#t' || md5(coalesce(doc_type, '')),
    '#i' || md5(coalesce(issuer, '')), '#y' || coalesce(year, 0)])
$$;
"""
FACETS_VALUE = """,
    portal_search_facets(
      NEW.unit_id, NEW.kind, NEW.doc_type, NEW.issuer, extract(year FROM day)::int)"""


EXACT_OF_NEW_ROW = (
    "portal_search_exact(NEW.title, NEW.doc_number, NEW.summary, NEW.body_text, attached)"
)


def sync_function_sql(time_zone: str, facets: bool) -> str:
    """The trigger function; with `facets`, it also fills the `facets` column (migration 0004)."""
    return f"""
CREATE OR REPLACE FUNCTION portal_search_sync() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
  attached text;
  day date := coalesce(NEW.issued, (NEW.published_at AT TIME ZONE '{time_zone}')::date);
BEGIN
  SELECT attachment_text INTO attached FROM portal_search_searchentry WHERE publication_id = NEW.id;
  attached := coalesce(attached, '');
  INSERT INTO portal_search_searchentry AS entry (
    publication_id, unit_id, live, kind, doc_type, issuer, doc_key, day, year, published_at,
    attachment_text, document, main, exact{", facets" if facets else ""}
  ) VALUES (
    NEW.id, NEW.unit_id, NEW.status = 'live', NEW.kind, NEW.doc_type, NEW.issuer,
    portal_search_doc_key(NEW.doc_number), day, extract(year FROM day), NEW.published_at,
    attached,
    portal_search_document(NEW.title, NEW.doc_number, NEW.summary, NEW.body_text, attached),
    CASE WHEN attached = '' THEN NULL
         ELSE portal_search_document(NEW.title, NEW.doc_number, NEW.summary, NEW.body_text, '') END,
    {EXACT_OF_NEW_ROW}{FACETS_VALUE if facets else ""}
  )
  ON CONFLICT (publication_id) DO UPDATE SET
    unit_id = EXCLUDED.unit_id, live = EXCLUDED.live, kind = EXCLUDED.kind,
    doc_type = EXCLUDED.doc_type, issuer = EXCLUDED.issuer, doc_key = EXCLUDED.doc_key,
    day = EXCLUDED.day, year = EXCLUDED.year, published_at = EXCLUDED.published_at,
    document = EXCLUDED.document, main = EXCLUDED.main,
    exact = EXCLUDED.exact{", facets = EXCLUDED.facets" if facets else ""};
  RETURN NULL;
END
$$;

"""


UNINSTALL_SQL = """
DROP TRIGGER IF EXISTS portal_search_sync ON portal_publications_publication;
DROP FUNCTION IF EXISTS portal_search_sync();
DROP FUNCTION IF EXISTS portal_search_exact(text, text, text);
DROP FUNCTION IF EXISTS portal_search_exact(text, text, text, text, text);
DROP FUNCTION IF EXISTS portal_search_document(text, text, text, text, text);
DROP FUNCTION IF EXISTS portal_search_original(text, "char");
DROP FUNCTION IF EXISTS portal_search_folded(text, "char");
DROP FUNCTION IF EXISTS portal_search_doc_key(text);
DROP FUNCTION IF EXISTS portal_search_words(text);
DROP FUNCTION IF EXISTS portal_search_fold(text);
"""

# Attachment text arrives after the ledger write (extraction may take a while).
STORE_ATTACHMENT_TEXT_SQL = """
UPDATE portal_search_searchentry AS entry SET
  attachment_text = %(text)s,
  document = portal_search_document(p.title, p.doc_number, p.summary, p.body_text, %(text)s),
  main = CASE WHEN %(text)s = '' THEN NULL
              ELSE portal_search_document(p.title, p.doc_number, p.summary, p.body_text, '') END,
  exact = portal_search_exact(p.title, p.doc_number, p.summary, p.body_text, %(text)s)
FROM portal_publications_publication AS p
WHERE p.id = entry.publication_id AND entry.publication_id = %(publication_id)s
"""
