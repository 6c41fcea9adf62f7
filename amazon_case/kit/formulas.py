"""Formulas written once: a Python function that the model runs, compiled to the Vega expression the chart runs.

A formula is a small pure Python function decorated with :func:`formula`::

    @formula
    def contribution(fee, orders, delivery_cost, extra_spend, margin):
        \"\"\"One member's yearly contribution, USD.\"\"\"
        return fee + extra_spend * margin - orders * delivery_cost

Calling it runs the Python. :meth:`Formula.vega` translates the same source, through
Python's :mod:`ast`, into a Vega expression in which each argument is replaced by the
Vega expression that stands for it in a chart: a parameter (a reader's control), a
field of the row (``datum.x``) or a number fixed when the chart is built.

What the translator covers is what the book's models use, and nothing else (anything
more raises :class:`FormulaError` when the formula is defined, not when a chart draws):

- a body of assignments to local names, then one ``return``; a docstring;
- numbers, strings, ``True``/``False``, arguments, locals, and module-level constants
  (numbers or strings, read when the formula is compiled);
- ``+ - * / **``, unary ``-``/``+``/``not``, comparisons (chained too), ``and``/``or``,
  ``x if test else y``;
- ``min``, ``max``, ``abs``, ``pow``, :func:`clamp`, ``math.sqrt``/``exp``/``log``/``isfinite``;
- another formula, called with its arguments (its expression is inlined);
- f-strings whose numbers carry a format specification (``f"{share:.1%}"``): Python's
  ``format`` and Vega's d3-format agree on the specifications the book uses
  (``,.0f``, ``.1%``, ``+.2f``...), except that d3 writes a minus sign as "−".
  ``{word:s}`` inserts a string as it is.

Python semantics that JavaScript does not share are refused rather than mistranslated:
``//``, ``%``, ``round``, ``in``, ``is``, subscripts and attribute access.
"""

from __future__ import annotations

import ast
import inspect
import math
import textwrap
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Formula", "FormulaError", "clamp", "copy_of", "difference_of", "formula", "product_of", "ratio_of"]


class FormulaError(TypeError):
    """A formula uses Python that the Vega translator does not cover, or lacks an argument's expression."""


def clamp(value: float, low: float, high: float) -> float:
    """``value`` limited to ``[low, high]`` (Vega's ``clamp``)."""
    return min(max(value, low), high)


_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_COMPARE = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_BUILTINS = {"min": "min", "max": "max", "abs": "abs", "pow": "pow"}
_MATH = {"sqrt": "sqrt", "exp": "exp", "log": "log", "isfinite": "isFinite"}


def _literal(value: Any, where: str) -> str:
    """A Python constant as a Vega literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise FormulaError(f"{where}: the constant {value!r} is not finite")
        text = repr(float(value)) if isinstance(value, float) else repr(value)
        return f"({text})" if text.startswith("-") else text
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    raise FormulaError(f"{where}: {value!r} cannot be written in a Vega expression")


class Formula:
    """A Python function the model runs, and its translation into a Vega expression.

    ``name`` is the function's name: the field a chart writes the result to, and the
    key of the result in :meth:`amazon_case.kit.model.Model.evaluate`.
    ``arguments`` are its parameter names, in order.
    """

    def __init__(self, function: Callable[..., Any]):
        self.function = function
        self.name = function.__name__
        self.doc = inspect.getdoc(function) or ""
        signature = inspect.signature(function)
        for p in signature.parameters.values():
            if p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) or p.default is not p.empty:
                raise FormulaError(f"formula {self.name}: argument {p.name!r} must be a plain argument without a default")
        self.arguments = tuple(signature.parameters)
        source = textwrap.dedent(inspect.getsource(function))
        tree = ast.parse(source).body[0]
        if not isinstance(tree, ast.FunctionDef):
            raise FormulaError(f"formula {self.name}: not a function definition")
        self._body = self._check_body(tree.body)
        # Compile once with placeholder arguments, so that an unsupported construct fails at definition.
        self.vega({a: a for a in self.arguments})
        self.__doc__ = self.doc
        self.__wrapped__ = function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.function(*args, **kwargs)

    def renamed(self, name: str, **arguments: str) -> Formula:
        """The same formula under another ``name``, reading other names for some of its arguments.

        ``share.renamed("fba_share", amount="fba_fees")`` computes ``share`` from the value named
        ``fba_fees``: one formula serves every place where the logic is the same.
        """
        unknown = set(arguments) - set(self.arguments)
        if unknown:
            raise FormulaError(f"formula {self.name} has no argument(s) {sorted(unknown)}")
        twin = object.__new__(Formula)
        twin.__dict__.update(self.__dict__)
        twin.name = name
        twin.arguments = tuple(arguments.get(a, a) for a in self.arguments)
        twin._original = self
        return twin

    def __repr__(self) -> str:
        return f"<formula {self.name}({', '.join(self.arguments)})>"

    def _check_body(self, body: list[ast.stmt]) -> list[ast.stmt]:
        statements = list(body)
        if statements and isinstance(statements[0], ast.Expr) and isinstance(getattr(statements[0], "value", None), ast.Constant) \
                and isinstance(statements[0].value.value, str):
            statements = statements[1:]  # the docstring
        if not statements or not isinstance(statements[-1], ast.Return) or statements[-1].value is None:
            raise FormulaError(f"formula {self.name}: the body must end with 'return <expression>'")
        for statement in statements[:-1]:
            if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                    and isinstance(statement.targets[0], ast.Name)):
                raise FormulaError(f"formula {self.name}, line {statement.lineno}: only 'name = expression' "
                                   "assignments may come before the return")
        return statements

    # -- translation -------------------------------------------------------------------------

    def vega(self, refs: Mapping[str, str]) -> str:
        """The Vega expression of this formula, each argument replaced by ``refs[argument]``.

        A reference is any Vega expression: a parameter's name, ``datum.field``, a number.
        """
        missing = [a for a in self.arguments if a not in refs]
        if missing:
            raise FormulaError(f"formula {self.name}: no Vega expression given for {', '.join(missing)}")
        original = getattr(self, "_original", self)
        env = {a: f"({refs[b]})" if not _is_atom(refs[b]) else refs[b] for a, b in zip(original.arguments, self.arguments)}
        for statement in self._body[:-1]:
            env[statement.targets[0].id] = f"({self._expr(statement.value, env)})"
        return _strip(self._expr(self._body[-1].value, env))

    def _where(self, node: ast.AST) -> str:
        return f"formula {self.name}, line {getattr(node, 'lineno', '?')}"

    def _expr(self, node: ast.expr, env: Mapping[str, str]) -> str:
        where = self._where(node)
        if isinstance(node, ast.Constant):
            return _literal(node.value, where)
        if isinstance(node, ast.Name):
            if node.id in env:
                return env[node.id]
            return self._global(node.id, where)
        if isinstance(node, ast.BinOp):
            left, right = self._expr(node.left, env), self._expr(node.right, env)
            if isinstance(node.op, ast.Pow):
                return f"pow({_strip(left)}, {_strip(right)})"
            if type(node.op) not in _BINARY:
                raise FormulaError(f"{where}: the operator {type(node.op).__name__} has no faithful Vega form")
            return f"({left} {_BINARY[type(node.op)]} {right})"
        if isinstance(node, ast.UnaryOp):
            operand = self._expr(node.operand, env)
            if isinstance(node.op, ast.USub):
                return f"(-{operand})"
            if isinstance(node.op, ast.UAdd):
                return operand
            if isinstance(node.op, ast.Not):
                return f"(!{operand})"
            raise FormulaError(f"{where}: the operator {type(node.op).__name__} is not supported")
        if isinstance(node, ast.Compare):
            parts, left = [], self._expr(node.left, env)
            for op, comparator in zip(node.ops, node.comparators):
                if type(op) not in _COMPARE:
                    raise FormulaError(f"{where}: the comparison {type(op).__name__} is not supported")
                right = self._expr(comparator, env)
                parts.append(f"({left} {_COMPARE[type(op)]} {right})")
                left = right
            return parts[0] if len(parts) == 1 else "(" + " && ".join(parts) + ")"
        if isinstance(node, ast.BoolOp):
            joiner = " && " if isinstance(node.op, ast.And) else " || "
            return "(" + joiner.join(self._expr(v, env) for v in node.values) + ")"
        if isinstance(node, ast.IfExp):
            return f"({self._expr(node.test, env)} ? {self._expr(node.body, env)} : {self._expr(node.orelse, env)})"
        if isinstance(node, ast.Call):
            return self._call(node, env)
        if isinstance(node, ast.JoinedStr):
            return self._fstring(node, env)
        raise FormulaError(f"{where}: {type(node).__name__} is not supported in a formula")

    def _global(self, name: str, where: str) -> str:
        namespace = self.function.__globals__
        if name not in namespace:
            raise FormulaError(f"{where}: the name {name!r} is neither an argument, a local nor a module constant")
        value = namespace[name]
        if isinstance(value, (bool, int, float, str)):
            return _literal(value, where)
        raise FormulaError(f"{where}: the module-level name {name!r} is not a number or a string")

    def _call(self, node: ast.Call, env: Mapping[str, str]) -> str:
        where = self._where(node)
        if node.keywords:
            raise FormulaError(f"{where}: calls take positional arguments only")
        args = [_strip(self._expr(a, env)) for a in node.args]
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "math" \
                and func.attr in _MATH:
            return f"{_MATH[func.attr]}({', '.join(args)})"
        if isinstance(func, ast.Name):
            if func.id in _BUILTINS and func.id not in env:
                return f"{_BUILTINS[func.id]}({', '.join(args)})"
            target = self.function.__globals__.get(func.id)
            if target is clamp:
                return f"clamp({', '.join(args)})"
            if isinstance(target, Formula):
                if len(args) != len(target.arguments):
                    raise FormulaError(f"{where}: {target.name} takes {len(target.arguments)} arguments, got {len(args)}")
                return f"({target.vega(dict(zip(target.arguments, args)))})"
        raise FormulaError(f"{where}: only min, max, abs, pow, clamp, math.sqrt/exp/log/isfinite "
                           "and other formulas may be called")

    def _fstring(self, node: ast.JoinedStr, env: Mapping[str, str]) -> str:
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(_literal(value.value, self._where(node)))
                continue
            assert isinstance(value, ast.FormattedValue)
            spec = value.format_spec
            text = "".join(v.value for v in spec.values) if isinstance(spec, ast.JoinedStr) else ""
            if value.conversion != -1 or (spec is not None and not all(isinstance(v, ast.Constant) for v in spec.values)):
                raise FormulaError(f"{self._where(node)}: f-string fields take a constant format specification only")
            inner = _strip(self._expr(value.value, env))
            if text == "s":
                parts.append(f"({inner})")
            elif text:
                parts.append(f"format({inner}, {_literal(text, self._where(node))})")
            else:
                raise FormulaError(f"{self._where(node)}: an f-string field needs a format specification "
                                   "(for example :,.0f, or :s for a string): Python and JavaScript write numbers differently")
        return "(" + " + ".join(parts or ["''"]) + ")"


def _is_atom(text: str) -> bool:
    """Whether a Vega expression needs no parentheses to be used as an operand."""
    return text.replace("_", "").replace(".", "").isalnum() and not text[0].isdigit() or _is_number(text)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return not text.startswith("-")


def _strip(text: str) -> str:
    """``text`` without one pair of enclosing parentheses, when they enclose the whole of it."""
    if not (text.startswith("(") and text.endswith(")")):
        return text
    depth, quote, i = 0, None, 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1  # skip the escaped character
            elif ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return text
        i += 1
    return text[1:-1]


def formula(function: Callable[..., Any]) -> Formula:
    """Decorator: make ``function`` a :class:`Formula` (it still runs as Python when called)."""
    return Formula(function)


# ---------------------------------------------------------------------------------------------
# The shapes models use again and again, each written once: a chapter names its own with them
# (``product_of("delivery_cost", "orders_per_year", "delivery_cost_per_order")``).
# ---------------------------------------------------------------------------------------------


@formula
def _product(a, b):
    return a * b


@formula
def _ratio(numerator, denominator):
    return numerator / denominator


@formula
def _difference(a, b):
    return a - b


@formula
def _same(value):
    return value


def product_of(name: str, a: str, b: str) -> Formula:
    """``name = a * b``."""
    return _product.renamed(name, a=a, b=b)


def ratio_of(name: str, numerator: str, denominator: str) -> Formula:
    """``name = numerator / denominator`` (the model's bounds must keep the denominator away from zero)."""
    return _ratio.renamed(name, numerator=numerator, denominator=denominator)


def difference_of(name: str, a: str, b: str) -> Formula:
    """``name = a - b``."""
    return _difference.renamed(name, a=a, b=b)


def copy_of(name: str, value: str) -> Formula:
    """``name = value``: e.g. a loop's state carried one year further (a lag)."""
    return _same.renamed(name, value=value)
