"""Helpers shared by the command modules: locating the project and reporting errors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import click

if TYPE_CHECKING:
    from evonto.project import Project

P = ParamSpec("P")
R = TypeVar("R")


class CommandError(click.ClickException):
    """A click error with a chosen exit code (2 usage/input, 1 failed check)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def project_from(ctx: click.Context) -> Project:
    """The project named by ``--project`` (or found from the working directory)."""
    from evonto.project import Project

    return Project.locate((ctx.obj or {}).get("project"))


def quiet(ctx: click.Context) -> bool:
    """Whether progress output is off (``--quiet``)."""
    return bool((ctx.find_root().obj or {}).get("quiet"))


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn :class:`evonto.errors.EvontoError` into a click error: a message, no traceback.

    The command runs in one :func:`evonto.rdfio.parse_session`: each source parsed once."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from evonto.errors import EvontoError
        from evonto.rdfio import parse_session

        try:
            with parse_session():
                return func(*args, **kwargs)
        except EvontoError as exc:
            raise CommandError(str(exc), exc.exit_code) from None

    return wrapper
