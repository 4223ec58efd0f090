"""The one error of a merge: bad input or a step that failed; nothing was changed."""


class MergeError(Exception):
    """Why a merge cannot go ahead, in words for the person who asked for it."""
