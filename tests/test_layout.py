"""The package's shape: public names that do not hide modules, small modules, and a
README that mentions every public name."""

import importlib.util
import inspect
from pathlib import Path

import pytest

import rag

REPO = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 400


@pytest.mark.parametrize("name", [n for n in rag.__all__ if inspect.isfunction(getattr(rag, n))])
def test_no_module_shares_its_name_with_a_public_function(name):
    assert importlib.util.find_spec(f"rag.{name}") is None


def test_modules_stay_small():
    big = {
        str(p.relative_to(REPO)): n
        for p in (REPO / "rag").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert big == {}


def test_the_readme_mentions_every_public_name():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [n for n in rag.__all__ if n not in readme] == []


def test_every_data_file_the_product_reads_is_packaged():
    # a wheel holds package data only where pyproject.toml names it: without it, an
    # install that is not editable would lack the glossary and the learned models
    import fnmatch
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["rag"]
    shipped = [p for p in (REPO / "rag" / "data").iterdir() if p.suffix != ".py" and p.is_file()]
    assert shipped
    for path in shipped:
        assert any(fnmatch.fnmatch(f"data/{path.name}", g) for g in globs), path.name
