"""Errors as values: every problem found in a site is a `ContentError`, rendered in one place."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

Severity = Literal["error", "warning"]


class ContentError(BaseModel):
    """One problem in one file: where it is, what was wrong, what was expected and how to fix it."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int | None = None
    field: str | None = None
    message: str
    expected: str | None = None
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.field}: " if self.field else f"{where}: "
        text += self.message
        if self.expected:
            text += f"; expected {self.expected}"
        if self.hint:
            text += f" ({self.hint})"
        return text

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity == "error"


class ContentErrors(Exception):
    """Raised when loading found errors; carries every one of them, not just the first."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        self.errors: tuple[ContentError, ...] = tuple(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


# What a reader should be told for the pydantic error types that our models can produce.
_EXPECTED_BY_TYPE: dict[str, str] = {
    "missing": "a value",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "list_type": "a list",
    "tuple_type": "a list",
    "literal_error": "one of the allowed values",
    "greater_than_equal": "a larger number",
}


def errors_from_validation(
    exc: ValidationError,
    path: str,
    line_of: Callable[[str], int | None],
    hints: dict[str, str] | None = None,
) -> list[ContentError]:
    """Turn a pydantic `ValidationError` into `ContentError`s, one per failing field.

    `line_of(field)` gives the line the field stands on in the source (or None), and `hints`
    maps a top-level field name to the fix we suggest for it.
    """
    hints = hints or {}
    found: list[ContentError] = []
    for detail in exc.errors(include_url=False):
        location = [str(part) for part in detail["loc"]]
        field = location[0] if location else None
        kind = detail["type"]
        message = str(detail["msg"])
        # Our validators raise ValueError("...; expected ..."): split the two halves apart.
        expected = _EXPECTED_BY_TYPE.get(kind)
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        hint = hints.get(field or "")
        # A validator may carry its own fix ("...; expected ...; hint ..."), over the field's.
        if "; hint " in message:
            message, hint = message.split("; hint ", 1)
        if "; expected " in message:
            message, expected = message.split("; expected ", 1)
        if kind == "missing":
            message = "is required but missing"
        found.append(
            ContentError(
                path=path,
                line=line_of(field) if field else None,
                field=".".join(location) or None,
                message=message,
                expected=expected,
                hint=hint,
            )
        )
    return found


def only_errors(problems: Iterable[ContentError]) -> list[ContentError]:
    """The errors among `problems`, warnings left out."""
    return [problem for problem in problems if problem.is_error]
