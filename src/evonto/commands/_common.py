"""Helpers shared by the command modules: locating the project and reporting errors."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
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


#: ``-o/--output FILE``: where :func:`emit_report` writes a command's report
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE (atomically) instead of standard output.",
)


def memory_option(minimum: int, help: str):
    """``--max-memory MIB``: the address space a query engine may use (its default is
    :data:`evonto.query.serve.DEFAULT_MAX_MEMORY`)."""
    from evonto.query.serve import DEFAULT_MAX_MEMORY

    return click.option(
        "--max-memory",
        type=click.IntRange(min=minimum),
        default=DEFAULT_MAX_MEMORY,
        show_default=True,
        metavar="MIB",
        help=help,
    )


def reasoner_limit_options(command):
    """``--reasoner-timeout SECONDS`` and ``--reasoner-memory MIB``: the limits of one HermiT
    run (:class:`evonto.build.reasoner.ReasonerLimits`; their variables otherwise)."""
    command = click.option(
        "--reasoner-memory",
        type=click.IntRange(min=16),
        default=None,
        metavar="MIB",
        help="Java heap for HermiT (default 2000, or $EVONTO_REASONER_MEMORY).",
    )(command)
    return click.option(
        "--reasoner-timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        metavar="SECONDS",
        help=(
            "Stop reasoning (owlready2's load and HermiT) after this long (default 600, or "
            "$EVONTO_REASONER_TIMEOUT)."
        ),
    )(command)


def emit_report(ctx: click.Context, text: str, output: Path | None, summary: str) -> None:
    """Print a report, or write it atomically to ``output`` and say so with ``summary``."""
    if output is None:
        click.echo(text, nl=False)
        return
    from evonto.rdfio import write_atomic

    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as exc:
        raise CommandError(f"{output}: cannot write the report: {exc.strerror or exc}") from None
    if not quiet(ctx):
        click.echo(f"{summary}; report written to {output}", err=True)


class StageProgress:
    """A progress bar of named stages on standard error, shown only when ``show`` is true.

    Used as ``with StageProgress(show, "validating", 5) as step: step("syntax")``; each call
    advances the bar by one stage and names the stage now running."""

    def __init__(self, show: bool, label: str, stages: int) -> None:
        self.show = show
        self.label = label
        self.stages = stages
        self.bar = None

    def __enter__(self) -> Callable[[str], None]:
        if not self.show:
            return lambda _stage: None
        self.bar = click.progressbar(
            length=self.stages,
            label=self.label,
            file=sys.stderr,
            show_eta=False,
            item_show_func=lambda stage: stage,
        )
        self.bar.__enter__()
        return self._step

    def _step(self, stage: str) -> None:
        self.bar.update(1, stage)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


class SuggestingGroup(click.Group):
    """A group that answers a misspelt subcommand with "did you mean"."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if args and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name, self.list_commands(ctx), n=2, cutoff=0.6)
            hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)
