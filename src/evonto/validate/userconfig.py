"""A validating project's own settings: its namespaces and the extra terms it uses.

Users name them on the command line (``--namespace IRI``, ``--terms FILE``) or once in the
``[tool.evonto]`` table of their ``pyproject.toml``, the one nearest to the files validated
(in their common folder or the closest parent that has one)::

    [tool.evonto]
    namespaces = ["https://example.org/myproject/"]
    terms = ["terms.tsv"]          # relative to the pyproject.toml

Plain Python (tomllib); nothing here loads an RDF library.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from evonto.errors import EvontoError, Location, display_path

PYPROJECT = "pyproject.toml"
KEYS = ("namespaces", "terms")
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+$")


@dataclass(frozen=True)
class UserConfig:
    """Namespaces the user's IRIs live in, and files declaring the extra terms they use."""

    namespaces: tuple[str, ...] = ()
    terms: tuple[Path, ...] = ()
    source: Path | None = None  #: the pyproject.toml read, if any

    def plus(self, namespaces: tuple[str, ...], terms: tuple[Path, ...]) -> UserConfig:
        """This configuration with command-line values added (duplicates dropped, order kept)."""
        return UserConfig(
            tuple(dict.fromkeys((*self.namespaces, *map(check_namespace, namespaces)))),
            tuple(dict.fromkeys((*self.terms, *terms))),
            self.source,
        )


def check_namespace(value: str, where: Location | None = None) -> str:
    """``value`` when it is an absolute IRI (a namespace such as ``https://example.org/x/``)."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if not _ABSOLUTE_IRI.match(text):
        raise EvontoError(
            f"namespace {value!r} is not an absolute IRI (write it like "
            "https://example.org/myproject/)",
            where,
        )
    return text


def find_pyproject(start: Path | None = None) -> Path | None:
    """The ``pyproject.toml`` of ``start`` (default: the working directory) or its nearest
    parent that has one."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path | None) -> UserConfig:
    """The ``[tool.evonto]`` table of ``path`` (empty when there is none)."""
    if path is None:
        return UserConfig()
    where = Location(display_path(path))
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise EvontoError(f"cannot read: {exc}", where) from None
    except tomllib.TOMLDecodeError as exc:
        raise EvontoError(f"not valid TOML: {exc}", where) from None
    table = document.get("tool", {}).get("evonto")
    if table is None:
        return UserConfig(source=path)
    if not isinstance(table, dict):
        raise EvontoError("[tool.evonto] must be a table", where)
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f" (known: {', '.join(KEYS)})"
            raise EvontoError(f"[tool.evonto] has an unknown key {key!r}{hint}", where)
    namespaces = _strings(table, "namespaces", where)
    terms = _strings(table, "terms", where)
    return UserConfig(
        tuple(check_namespace(n, where) for n in namespaces),
        tuple(path.parent / t for t in terms),
        path,
    )


def _strings(table: dict, key: str, where: Location) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvontoError(f"[tool.evonto] {key} must be a list of strings", where)
    return value
