"""A misspelt command or option gets "did you mean", exit 2 and no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from evonto.cli import cli

CASES = [
    (["valdate"], "No such command 'valdate'. Did you mean 'validate'?"),
    (["qury", "--list"], "No such command 'qury'. Did you mean 'query'?"),
    (["validate", "--fial-on", "warn"], "Did you mean '--fail-on'?"),
    (["query", "--formt", "csv", "x"], "Did you mean '--format'?"),
    (["xyzzy"], "No such command 'xyzzy'."),
    (["imports", "refesh"], "No such command 'refesh'. Did you mean 'refresh'?"),
    (["export", "nanopubs"], "No such command 'nanopubs'. Did you mean 'nanopub'?"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=lambda v: str(v)[:30])
def test_did_you_mean(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_known_commands_still_resolve() -> None:
    result = CliRunner().invoke(cli, ["init", "--help"])
    assert result.exit_code == 0 and "minimal valid findings file" in result.output
