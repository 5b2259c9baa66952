"""The ``evonto`` command line: a thin click layer over the library.

Subcommands live in :mod:`evonto.commands` and are imported only when run, so that
``evonto --help`` starts without loading rdflib, pyshacl or owlready2.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from evonto import __version__
from evonto.commands._common import SuggestingGroup

#: command name -> (module in evonto.commands, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("build", "build", "Merge, reason over and write the release into dist/."),
    "init": ("init", "init", "Start your own findings file from a minimal valid example."),
    "normalize": ("normalize", "normalize", "Rewrite the edit file in canonical, sorted Turtle."),
    "imports": ("imports", "imports", "Maintain the import modules (refresh from snapshots)."),
    "validate": ("validate", "validate", "Check files: syntax, terms, HermiT, SHACL, QC."),
    "diff": ("diff", "diff", "Semantic diff of two releases or edit files, as Markdown."),
    "query": ("query", "query", "Run a competency question on the release or a SPARQL endpoint."),
    "serve": ("serve", "serve", "Serve the release as a read-only local SPARQL endpoint."),
    "publish": ("publish", "publish", "Replace a named graph on a remote store (Graph Store)."),
    "export": ("export", "export", "Export the findings: nanopubs, KGX, JSON-LD, SSSOM, VoID."),
    "docs": ("docs", "docs", "Build the static documentation site and organotropism atlas."),
    "fair": ("fair", "fair", "FAIR self-check: FOOPS! metrics and Data on the Web practices."),
    "w3id": ("w3id", "w3id", "Write the w3id.org redirect rules for the current release."),
}


class LazyGroup(SuggestingGroup):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _available(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not _available(cmd_name):
            return None
        module, attr, _ = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f"evonto.commands.{module}"), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(name: str) -> bool:
    return importlib.util.find_spec(f"evonto.commands.{COMMANDS[name][0]}") is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="evonto")
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=str),
    envvar="EVONTO_PROJECT",
    help="Project folder (default: the checkout you are in, else the bundled sources).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress output.")
@click.pass_context
def cli(ctx: click.Context, project: str | None, quiet: bool) -> None:
    """evonto: extracellular vesicles in breast cancer organotropic metastasis, as OWL and RDF."""
    ctx.ensure_object(dict)
    ctx.obj["project"] = project
    ctx.obj["quiet"] = quiet


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="evonto", standalone_mode=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
