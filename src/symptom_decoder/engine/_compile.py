"""Conditions compiled to fast closures over an evaluation context (the engine's hot path),
and the values that make a leaf fire (used to rank missing answers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from symptom_decoder.knowledge.conditions import (
    AllOf,
    AnyOf,
    Condition,
    Fired,
    Leaf,
    NotOf,
    Operand,
    Ref,
)


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


