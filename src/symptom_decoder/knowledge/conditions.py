"""The one condition language of knowledge packs, and its compiler to fast closures.

A condition is data: ``{all: [...]}``, ``{any: [...]}``, ``{not: ...}``, a leaf on a value
path (``{path: labs.ferritin_ug_per_l, lt: 30}``) or a reference to another rule's
outcome (``{fired: "warning:calcium_above_ul"}``). A leaf whose value is unknown is false
(except ``present: false``), so an unanswered question never fires a rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal, Protocol

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


class Context(Protocol):
    def value(self, path: str) -> Any: ...

    def fired(self, ref: str) -> bool: ...


Check = Callable[[Context], bool]


_NUMBERS = (int, float)  # by exact class, so True and False never count as numbers


def _number(value: Any) -> bool:
    return value.__class__ in _NUMBERS


def _compare(op: str, path: str, operand: Operand) -> Check:
    import operator

    fn = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}[op]
    if isinstance(operand, Ref):
        ref = operand.ref

        def dynamic(ctx: Context) -> bool:
            value, other = ctx.value(path), ctx.value(ref)
            return _number(value) and _number(other) and bool(fn(value, other))

        return dynamic
    bound = float(operand)
    # One closure per operator: this is the engine's hottest code.
    if op == "lt":
        return lambda ctx: (v := ctx.value(path)).__class__ in _NUMBERS and v < bound
    if op == "le":
        return lambda ctx: (v := ctx.value(path)).__class__ in _NUMBERS and v <= bound
    if op == "gt":
        return lambda ctx: (v := ctx.value(path)).__class__ in _NUMBERS and v > bound
    return lambda ctx: (v := ctx.value(path)).__class__ in _NUMBERS and v >= bound


def _all(parts: list[Check]) -> Check:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return lambda ctx: a(ctx) and b(ctx)
    return lambda ctx: all(p(ctx) for p in parts)


def _any(parts: list[Check]) -> Check:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return lambda ctx: a(ctx) or b(ctx)
    return lambda ctx: any(p(ctx) for p in parts)


def compile_condition(cond: Condition) -> Check:
    """Turn a condition into a closure over an evaluation context."""
    if isinstance(cond, AllOf):
        return _all([compile_condition(c) for c in cond.all])
    if isinstance(cond, AnyOf):
        return _any([compile_condition(c) for c in cond.any])
    if isinstance(cond, NotOf):
        inner = compile_condition(cond.not_)
        return lambda ctx: not inner(ctx)
    if isinstance(cond, Fired):
        ref = cond.key
        return lambda ctx: ctx.fired(ref)
    path, op, operand = cond.path, cond.op, cond.operand
    if op == "present":
        want = bool(operand)
        return lambda ctx: (ctx.value(path) is not None) is want
    if op == "eq":
        return lambda ctx: (v := ctx.value(path)) is not None and v == operand
    if op == "ne":
        return lambda ctx: (v := ctx.value(path)) is not None and v != operand
    if op == "in_":
        options = list(operand)
        return lambda ctx: (v := ctx.value(path)) is not None and v in options
    if op == "contains":
        return lambda ctx: isinstance(v := ctx.value(path), list) and operand in v
    return _compare(op, path, operand)


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


def firing_values(leaf: Leaf) -> list[Any]:
    """Values that make LEAF true when its path is unanswered (for missing-answer ranking)."""
    op, operand = leaf.op, leaf.operand
    if op in ("eq", "contains"):
        return [operand]
    if op == "in_":
        return list(operand)
    if isinstance(operand, Ref) or op in ("ne", "present"):
        return []
    bound = float(operand)
    step = 1.0 if bound.is_integer() and bound >= 10 else 0.01
    return {"lt": [bound - step], "le": [bound], "gt": [bound + step], "ge": [bound]}[op]


