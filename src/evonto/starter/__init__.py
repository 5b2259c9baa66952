"""``evonto init``'s starting point: a minimal valid findings file in the user's namespace.

The files of this folder are templates whose ``$namespace`` is the user's namespace:
``findings.ttl`` (one finding, association record only), ``terms.tsv`` (the one extra term it
uses) and ``pyproject.toml`` (the ``[tool.evonto]`` table naming both).
"""

from __future__ import annotations

from importlib import resources
from string import Template

from evonto.errors import EvontoError
from evonto.validate.userconfig import check_namespace

DEFAULT_NAMESPACE = "https://example.org/myproject/"
FILES = ("findings.ttl", "terms.tsv", "pyproject.toml")


def render(namespace: str = DEFAULT_NAMESPACE) -> dict[str, str]:
    """The starter files (name -> text) for ``namespace``, which must end in ``/`` or ``#``."""
    iri = check_namespace(namespace)
    if not iri.endswith(("/", "#")):
        raise EvontoError(f"namespace {namespace!r} must end in '/' or '#'")
    folder = resources.files(__name__)
    return {
        name: Template(folder.joinpath(name).read_text(encoding="utf-8")).substitute(namespace=iri)
        for name in FILES
    }
