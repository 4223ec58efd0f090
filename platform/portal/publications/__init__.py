"""The network ledger of published content (public schema).

Every portal's published pages of a registered kind have one row here;
syndication and search read only this ledger. See `registry` (what is
published and how it is described), `ledger` (writing rows) and `models`
(the rows and the indexing outbox).
"""
