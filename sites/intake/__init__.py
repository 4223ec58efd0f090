"""Documents from e-office systems (the intake API) and the digital signatures of PDFs.

`tokens` issues and checks the units' API tokens, `api` is the HTTP API
(`/api/v1/documents/`, django-ninja) that hands files to the importer,
`signatures` reads and validates embedded PDF signatures with pyHanko,
`checking` is the background worker's pass over documents waiting for it,
and `trust` is the network's store of trusted root certificates. Its tables
live in the public schema, next to the ledger.
"""
