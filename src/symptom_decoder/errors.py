"""The product's errors: each says what a person can do about it and what it means on the
web (``status``), so the edges never translate them one by one. Light enough for the
command's start-up: nothing is imported here.

- ``InvalidInput`` (422): a value or a document that cannot be accepted; ``FieldError`` names
  one field, others (answers, supplements) list every problem as ``field: message`` lines.
- ``NotFound`` (404): the record does not exist, or belongs to someone else.
- ``TooManyAttempts`` (429) and ``Unavailable`` (503, for example no food data yet).
- ``SettingsError``: a setting from the environment is wrong; the command stops with it.
"""

from __future__ import annotations

from typing import ClassVar


class DecoderError(Exception):
    """Something a person can act on; ``str()`` is one plain line."""

    status: ClassVar[int] = 400
    detail: ClassVar[str] = "That request could not be handled."

    def field_errors(self) -> list[tuple[str, str]]:
        """(field, message) for each field at fault, when fields are known."""
        return []

    def extensions(self) -> dict[str, object]:
        """More the answer carries for a program to act on (for example choices to pick)."""
        return {}

    def summary(self) -> str:
        """One line for the answer's ``detail``: the class's plain words, or the message when
        it says more than the fields do."""
        return self.detail if self.field_errors() or self.status == 404 else (
            str(self) or self.detail)


class InvalidInput(DecoderError):
    status = 422
    detail = "Some values are not valid."


class FieldError(InvalidInput):
    """A value that cannot be accepted; the message starts with the field's name."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem

    @property
    def message(self) -> str:
        return self.problem

    def field_errors(self) -> list[tuple[str, str]]:
        return [(self.field, self.problem)]


class ProblemList(InvalidInput):
    """Several problems, one ``field: message`` line each (as the answers validator writes)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def field_errors(self) -> list[tuple[str, str]]:
        out = []
        for line in self.problems:
            where, _, message = line.partition(": ")
            out.append((where, message or line))
        return out


class NotFound(DecoderError):
    """The record asked for does not exist, or belongs to someone else."""

    status = 404
    detail = "There is nothing here."


class TooManyAttempts(DecoderError):
    """Too many tries; wait, then try again."""

    status = 429
    detail = "Too many tries. Please wait a few minutes, then try again."


class Unavailable(DecoderError):
    """Something the server needs is missing (for example the food data); not her fault."""

    status = 503
    detail = "This is not available on this server yet."


class SettingsError(Exception):
    """A setting from the environment is wrong; the message names the variable and the fix."""
