"""The diary's exceptions: each carries the field (or row and column) in the person's terms."""

from __future__ import annotations


class DiaryError(Exception):
    """Something the person can fix; ``str()`` is one plain line."""


class FieldError(DiaryError):
    """A value that cannot be accepted; the message starts with the field's name."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NotFound(DiaryError):
    """The record asked for does not exist, or belongs to someone else."""
