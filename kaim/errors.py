"""The base of errors a command reports as one line (``kaim: error: ...``) with a non-zero exit."""


class UserError(Exception):
    """A problem the user can act on; its message says what to do."""
