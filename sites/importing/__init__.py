"""Bulk import of existing document archives (PDF, DOCX, TXT) into a unit's registry.

`filetypes` checks what a file really is, `extract` reads its text, `metadata`
turns a sidecar or that text into document metadata, `importer` stores the
document in a unit; `manage.py import_documents` drives them.
"""


class ImportProblem(Exception):
    """A file that cannot be imported, with a reason an operator can act on."""
