"""The Elasticsearch index of the ledger: analyzers, fields and the index template.

Text fields are analysed once: standard tokenizer, lower case, ASCII folding
that keeps the original token beside the folded one (same position). Queries
are analysed without folding (`search_analyzer`): the folded words of a query
("thong bao") find every form, its original words ("báo") only that exact
form, which ranks higher.

Every text field is also copied into `all_text`, the one field a query
matches on, with positions for phrases (a multi-syllable word such as "công
nghệ thông tin" ranks documents with the syllables side by side above
scattered ones; a gap of 100 positions between the copied fields keeps a
phrase from spanning two of them). Matching every word of a query in one
field reads one posting list per word instead of one per word and field.
Title and summary are also indexed on their own, with word frequencies only:
they weigh where a word was found when the candidates are re-scored. Body and
attachment text weigh the same, as on PostgreSQL, so they are only copied
(analysing them twice made bulk loads a third slower).
The node highlights nothing: snippets are cut from the ledger rows read back
for the page (`search.results`), attachments' text included. Document numbers
are matched by `doc_key`, the compact key of `search.text`; their words are also
copied into `all_text` and weighed (`doc_number.words`), as PostgreSQL does.

An index records the MAPPING_VERSION it was made with (`_meta`): queries of
this code need that version, and an index made by an older one is rebuilt
(`search.elastic.index.outdated_indices`).
"""

from __future__ import annotations

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

folding_keep_original = token_filter("vi_fold_keep", "asciifolding", preserve_original=True)

VIETNAMESE = analyzer(
    "vietnamese", tokenizer="standard", filter=["lowercase", folding_keep_original]
)
VIETNAMESE_EXACT = analyzer("vietnamese_exact", tokenizer="standard", filter=["lowercase"])


# Raised whenever a change to the fields or analysis needs a rebuild to be searched right.
MAPPING_VERSION = 4
VERSION_KEY = "portal_mapping_version"
MATCHED_FIELD = "all_text"


# BM25 without length normalisation (b = 0), as PostgreSQL's ts_rank counts occurrences
# whatever the length: both engines order rows meeting the same rules alike.
SIMILARITY = "occurrences"


def weighed_text() -> Text:
    """A field weighed when re-scoring, and copied into MATCHED_FIELD for matching."""
    return Text(
        analyzer=VIETNAMESE,
        search_analyzer=VIETNAMESE_EXACT,
        index_options="freqs",
        copy_to=MATCHED_FIELD,
        similarity=SIMILARITY,
    )


def copied_text() -> Text:
    """A field only searched as part of MATCHED_FIELD."""
    return Text(index=False, copy_to=MATCHED_FIELD)


# New writes become searchable within this (part of the publish-to-searchable delay).
REFRESH_INTERVAL = "1s"

# Where a word was found, and its weight when re-scoring (the rest of the text counts once).
# Title, number and summary are the prominent fields of `search.relevance` (PostgreSQL's A, B, C).
NUMBER_WORDS_FIELD = "doc_number.words"
WEIGHED_FIELDS = {"title": 4.0, NUMBER_WORDS_FIELD: 3.0, "summary": 2.0}


class PublicationDocument(Document):
    """One visible ledger row. Its id is `<schema>:<kind>:<object id>`."""

    publication_id = Long()
    unit_id = Integer()
    unit_name = Keyword()
    unit_ancestor_ids = Integer(multi=True)  # the unit and the units above it
    unit_path = Keyword()  # treebeard path: a prefix query selects a subtree
    level = Keyword()
    kind = Keyword()
    title = weighed_text()
    summary = weighed_text()
    body = copied_text()
    attachments_text = copied_text()
    all_text = Text(analyzer=VIETNAMESE, search_analyzer=VIETNAMESE_EXACT, similarity=SIMILARITY)
    url = Keyword(index=False)
    # Its words are matched and weighed like a title's ("374", "tb", "hu"), as on PostgreSQL.
    doc_number = Keyword(
        copy_to=MATCHED_FIELD,
        fields={
            "words": Text(
                analyzer=VIETNAMESE,
                search_analyzer=VIETNAMESE_EXACT,
                index_options="freqs",
                similarity=SIMILARITY,
            )
        },
    )
    doc_key = Keyword()
    doc_type = Keyword()
    issuer = Keyword()
    issued = Date()
    published_at = Date()
    day = Date()  # issued, else the day of first publication: filters, year and date sort
    year = Integer()
    signature_valid = Boolean()  # the document's digital signature is intact and trusted

    class Index:
        # Shards and replicas come from the settings when the template is written.
        settings = {
            "refresh_interval": REFRESH_INTERVAL,
            "similarity": {SIMILARITY: {"type": "BM25", "b": 0.0}},
        }


def alias_name() -> str:
    """The alias every search and write goes through (one for the whole network)."""
    return settings.PORTAL_SEARCH_INDEX


def template_body() -> dict:
    """The index template: analysis, mappings, shards and replicas for every index behind
    the alias."""
    index = PublicationDocument._index.clone(name=f"{alias_name()}-template")
    body = index.to_dict()
    body["settings"] |= {
        "number_of_shards": settings.PORTAL_ELASTICSEARCH_SHARDS,
        "number_of_replicas": settings.PORTAL_ELASTICSEARCH_REPLICAS,
    }
    body["mappings"]["_meta"] = {VERSION_KEY: MAPPING_VERSION}
    return {
        "index_patterns": [f"{alias_name()}-*"],
        "template": {"settings": body["settings"], "mappings": body["mappings"]},
        "priority": 100,
    }


def mapping_version(mappings: dict) -> int | None:
    """The MAPPING_VERSION an index's mappings were made with (None: before versions)."""
    return mappings.get("_meta", {}).get(VERSION_KEY)
