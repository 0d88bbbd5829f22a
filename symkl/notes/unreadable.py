"""The one error of reading notes: a side symkl cannot read, with where reading stopped."""

__all__ = ["Unreadable"]


class Unreadable(Exception):
    """A side that cannot be read; `offset` indexes the source given to `Reader.parse`."""

    def __init__(self, reason: str, offset: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.offset = offset
