"""The one condition language of knowledge packs (the engine compiles it: ``engine/_compile``).

A condition is data: ``{all: [...]}``, ``{any: [...]}``, ``{not: ...}``, a leaf on a value
path (``{path: labs.ferritin_ug_per_l, lt: 30}``) or a reference to another rule's
outcome (``{fired: "warning:calcium_above_ul"}``). A leaf whose value is unknown is false
(except ``present: false``), so an unanswered question never fires a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

Scalar = bool | int | float | str


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Ref(Frozen):
    """A value read from another path, e.g. ``{ref: limits.calcium.ul}``."""

    ref: str


Operand = float | Ref

_OPS = ("eq", "ne", "lt", "le", "gt", "ge", "in_", "contains", "present")


class Leaf(Frozen):
    path: str = Field(min_length=1)
    eq: Scalar | None = None
    ne: Scalar | None = None
    lt: Operand | None = None
    le: Operand | None = None
    gt: Operand | None = None
    ge: Operand | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    contains: Scalar | None = None
    present: bool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        used = [op for op in _OPS if getattr(self, op) is not None]
        if len(used) != 1:
            names = ", ".join(op.rstrip("_") for op in _OPS)
            raise ValueError(f"a leaf needs exactly one operator of {names} (got {len(used)})")
        return self

    @property
    def op(self) -> str:
        return next(op for op in _OPS if getattr(self, op) is not None)

    @property
    def operand(self) -> Any:
        return getattr(self, self.op)


class Fired(Frozen):
    """True when another rule fired: ``warning:ID``, ``look_alike:ID`` or ``factor:ID``.

    ``at_least`` (look-alikes and factors only) asks for a likelihood band: a look-alike
    shown at ``moderate`` or more, say. A factor without it fires at moderate or more.
    """

    fired: str = Field(pattern=r"^(warning|look_alike|factor):[a-z0-9_]+$")
    at_least: Literal["moderate", "high"] | None = None

    @model_validator(mode="after")
    def _band_only_for_scored(self) -> Fired:
        if self.at_least is not None and self.fired.startswith("warning:"):
            raise ValueError("at_least applies to look_alike and factor outcomes only")
        return self

    @property
    def key(self) -> str:
        """The outcome key the engine sets: ``look_alike:dvt`` or ``look_alike:dvt>=moderate``."""
        return self.fired if self.at_least is None else f"{self.fired}>={self.at_least}"


class AllOf(Frozen):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Frozen):
    any: list[Condition] = Field(min_length=1)


class NotOf(Frozen):
    not_: Condition = Field(alias="not")


def _kind(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not", "fired", "path"):
            if key in value:
                return key
        return None
    if isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", NotOf: "not", Fired: "fired", Leaf: "path"}.get(
            type(value)
        )
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[Fired, Tag("fired")]
    | Annotated[Leaf, Tag("path")],
    Discriminator(
        _kind,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys all, any, not, fired or path",
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


def nodes(cond: Condition) -> Iterator[Condition]:
    """Every node of a condition tree, depth first."""
    yield cond
    children: list[Condition] = []
    if isinstance(cond, AllOf):
        children = cond.all
    elif isinstance(cond, AnyOf):
        children = cond.any
    elif isinstance(cond, NotOf):
        children = [cond.not_]
    for child in children:
        yield from nodes(child)


def leaves(cond: Condition) -> Iterator[Leaf]:
    """Every leaf of a condition, in order."""
    return (n for n in nodes(cond) if isinstance(n, Leaf))


def fired_refs(cond: Condition) -> Iterator[str]:
    """Every other rule's outcome the condition reads."""
    return (n.fired for n in nodes(cond) if isinstance(n, Fired))


def has_negation(cond: Condition) -> bool:
    """True when the condition can turn false as an answer is added (``not`` or ``ne``)."""
    return any(isinstance(n, NotOf) or (isinstance(n, Leaf) and (
        n.op == "ne" or (n.op == "present" and n.present is False))) for n in nodes(cond))
