"""The relevance rules both engines rank by, as tiers: each outranks everything below it.

A row's score is the sum of the tiers it meets plus the engine's own word
relevance scaled below 1 (PostgreSQL's ts_rank, Elasticsearch's BM25), which
only orders rows meeting the same tiers. So, on either engine and whatever
else the index holds:

- a document number written in the query (in full, or its beginning: "374",
  "01-TB/BCD" for "01-TB/BCĐ-TU") puts that document first;
- a row holding every word typed with diacritics in that very form
  outranks one where a word matched only as another syllable that folds
  the same ("số" typed, "sở" found): weak matches never drown faithful ones;
- then the free words side by side ("dịch vụ công trực tuyến") outrank the
  same words scattered;
- then every word in the title, document number or summary outranks words
  found only in the body or the attached files.

Every match holds every word (typing slips are corrected before searching, see
`search.spelling`), so rows missing a word are never ranked above complete ones.
"""

from __future__ import annotations

NUMBER_EXACT = 2000.0
NUMBER_PREFIX = 1000.0
FAITHFUL = 8.0
ADJACENT = 4.0
PROMINENT = 2.0
