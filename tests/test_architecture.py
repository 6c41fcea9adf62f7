"""The package keeps the shape of its design: one definition per model, short builders, public names.

- No chapter module holds hand-written Vega arithmetic beyond display scaling: the formulas the charts
  compute are compiled from Python (``amazon_case.kit.formulas``).
- Chart builders (functions named ``*_chart``) are at most 60 lines.
- No private name (``_x``) is imported from another module of the package.
- The kit imports no chapter module.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "amazon_case"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
CHAPTER_MODULES = [p for p in MODULES if "kit" not in p.relative_to(PACKAGE).parts]
MAX_BUILDER_LINES = 60

# A Vega expression with arithmetic on the row's fields or the reader's parameters. Display scaling
# (a field divided by 1000 or multiplied by 100: USD millions to billions, fractions to percent) is allowed.
ARITHMETIC = re.compile(r"(datum\.\w+|\b[a-z]+_[a-z_]+\b)\s*[-+*/]\s*(?!1000\b|100\b)[\w(.]")
SCALING_ONLY = re.compile(r"^\s*datum\.\w+\s*[*/]\s*(1000|100)\s*$")


def vega_arithmetic_lines() -> list[str]:
    """Lines of chapter code whose string literals hold Vega arithmetic other than display scaling."""
    found = []
    for path in CHAPTER_MODULES:
        tree = ast.parse(path.read_text())
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if id(node) in docstrings or not isinstance(node, (ast.Constant, ast.JoinedStr)):
                continue
            text = node.value if isinstance(node, ast.Constant) else "".join(
                v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            if not isinstance(text, str) or "datum." not in text or SCALING_ONLY.match(text):
                continue
            bare = re.sub(r"'[^']*'", "''", text)
            if ARITHMETIC.search(bare):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {text[:90]}")
    return found


def test_no_hand_written_vega_arithmetic_in_chapter_code():
    lines = vega_arithmetic_lines()
    print(f"\nhand-written Vega arithmetic lines: {len(lines)}")
    assert not lines, "Vega arithmetic written by hand (write it as a @formula):\n" + "\n".join(lines)


def builders() -> list[tuple[str, int]]:
    out = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_chart"):
                out.append((f"{path.relative_to(PACKAGE.parent)}:{node.name}", node.end_lineno - node.lineno + 1))
    return out


def test_chart_builders_are_short():
    found = builders()
    longest = max(found, key=lambda b: b[1])
    print(f"\n{len(found)} builders; the longest is {longest[0]}, {longest[1]} lines")
    assert not [b for b in found if b[1] > MAX_BUILDER_LINES], [b for b in found if b[1] > MAX_BUILDER_LINES]


def test_no_private_name_is_imported_across_modules():
    private = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("", "amazon_case"):
                private += [f"{path.name}: {a.name} from {node.module}" for a in node.names
                            if a.name.startswith("_") and not a.name.startswith("__")]
    assert not private, private


@pytest.mark.parametrize("path", [p for p in MODULES if "kit" in p.relative_to(PACKAGE).parts], ids=lambda p: p.name)
def test_the_kit_imports_no_chapter_module(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 2:
            assert False, f"{path.name} imports {node.module} from outside the kit"
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("amazon_case.") \
                and not node.module.startswith("amazon_case.kit"):
            assert False, f"{path.name} imports {node.module}"
