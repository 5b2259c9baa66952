"""The embedded engine: an Oxigraph store of the release, cached on disk between calls.

The store holds ``dist/evonto.ttl`` plus the example-queries graph in its default graph. It is
persisted under the project's cache folder, keyed by a checksum of those files, and reused
read-only while they are unchanged; a new release gets a new store, built aside and renamed
into place, so a reader never sees a half-loaded one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from evonto.errors import EvontoError, Location, display_path
from evonto.query.results import Results, Term, literal

if TYPE_CHECKING:
    import pyoxigraph

    from evonto.project import Project

RELEASE_FILE = "evonto.ttl"
EXAMPLES_FILE = "examples.ttl"
STORE_DIR = "query-store"


def release_files(project: Project) -> list[Path]:
    """The release and its examples graph (generated into the cache if the build lacks it)."""
    dist = project.dist_dir
    examples = dist / EXAMPLES_FILE
    if not examples.is_file():
        from evonto.query.examples import examples_turtle
        from evonto.rdfio import write_atomic

        examples = project.cache_dir / EXAMPLES_FILE
        data = examples_turtle(project.queries_dir)
        if not examples.is_file() or examples.read_bytes() != data:
            write_atomic(examples, data)
    return [dist / RELEASE_FILE, examples]


def source_files(project: Project) -> list[Path]:
    """Every file the merged sources and the packs are read from."""
    found = [
        path
        for folder in (project.ontology_dir, project.queries_dir)
        for path in folder.rglob("*")
        if path.is_file() and path.suffix in {".ttl", ".owl", ".tsv", ".xml", ".rq", ".txt"}
    ]
    return sorted(found)


def checksum(paths: list[Path]) -> str:
    """SHA-256 over the names and bytes of ``paths``."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def store_location(project: Project, *, note: Callable[[str], None] | None = None) -> Path:
    """The folder of an up-to-date Oxigraph store of the release (built when needed).

    Without ``dist/evonto.ttl`` the store holds the project's sources, merged, plus the
    examples graph, and ``note`` is told so. A store that does not open, or holds another
    number of triples than it was built with, is rebuilt (and ``note`` told so).
    """
    from evonto.build.releases import reading

    with reading(project.dist_dir):
        files = release_files(project)
        if files[0].is_file():
            key = checksum(files)[:16]

            def fill(store: pyoxigraph.Store) -> None:
                load_files(store, files)

        else:
            if note:
                note(
                    f"{display_path(files[0])} not found: using the sources merged without "
                    "reasoning (run `evonto build` for the release)"
                )
            key = "sources-" + checksum(source_files(project))[:16]

            def fill(store: pyoxigraph.Store) -> None:
                from evonto.query.examples import examples_graph
                from evonto.sources import load_sources
                from evonto.store import store_from_graph

                graph = load_sources(project).merged()
                graph += examples_graph(project.queries_dir)
                store_from_graph(graph, store)

        return _cached_store(project.cache_dir / STORE_DIR, key, fill, note)


def _cached_store(
    root: Path,
    key: str,
    fill: Callable[[pyoxigraph.Store], None],
    note: Callable[[str], None] | None = None,
) -> Path:
    """``root/key``, filled once: built aside, then renamed into place (never half-loaded).

    ``READY`` records the key and the triple count; a store that fails :func:`_healthy` is
    removed and built again. Older stores are removed unless a reader holds them
    (:func:`in_use`).
    """
    import pyoxigraph

    target = root / key
    if (target / READY).is_file():
        problem = _healthy(target, key)
        if problem is None:
            return target
        if note:
            note(f"the query cache {display_path(target)} is damaged ({problem}); rebuilding it")
        _discard(target)
    try:
        root.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=root))
        try:
            store = pyoxigraph.Store(str(building))
            fill(store)
            store.flush()
            count = len(store)
            del store
            (building / READY).write_text(f"{key} {count}\n")
            with contextlib.suppress(OSError):  # another process may have finished first
                os.rename(building, target)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    except OSError as exc:
        raise EvontoError(
            f"cannot write the query cache: {exc.strerror or exc}",
            Location(display_path(exc.filename or root)),
        ) from None
    for old in root.iterdir():
        if old.name != key and not old.name.startswith("."):
            _discard(old)
    return target


READY = "READY"
IN_USE = ".in-use"  #: in a store folder: readers hold a shared lock on it (:func:`in_use`)


def _healthy(target: Path, key: str) -> str | None:
    """Why the store at ``target`` cannot be trusted, or ``None`` when it opens and is whole."""
    import pyoxigraph

    try:
        recorded = (target / READY).read_text(encoding="utf-8").split()
        if len(recorded) != 2 or recorded[0] != key:
            return "its READY mark does not match the release"
        store = pyoxigraph.Store.read_only(str(target))
        count = len(store)
        del store
    except (OSError, RuntimeError, ValueError, UnicodeDecodeError) as exc:
        return " ".join(str(exc).split())[:200] or type(exc).__name__
    if count != int(recorded[1]):
        return f"it holds {count} triples, {recorded[1]} were loaded"
    return None


def _discard(folder: Path) -> None:
    """Remove a store unless a reader holds it (then leave it for a later run)."""
    import fcntl

    try:
        handle = open(folder / IN_USE, "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def in_use(location: Path) -> Iterator[None]:
    """Hold the store at ``location`` (shared lock) so no other run removes it meanwhile."""
    import fcntl

    try:
        handle = open(location / IN_USE, "a", encoding="utf-8")  # noqa: SIM115
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        yield


def release_store(project: Project, *, note: Callable[[str], None] | None = None):
    """The release store, opened read-only (see :func:`store_location`)."""
    import pyoxigraph

    target = store_location(project, note=note)
    try:
        return pyoxigraph.Store.read_only(str(target))
    except (OSError, RuntimeError) as exc:
        raise EvontoError(f"cannot open the query store {display_path(target)}: {exc}") from None


def run_on_release(
    project: Project,
    text: str,
    where: str,
    *,
    note: Callable[[str], None] | None = None,
    timeout: float = 60.0,
    max_memory: int | None = None,
) -> Results:
    """:func:`run_bounded` on the release store; a store found damaged is rebuilt once."""
    for attempt in (1, 2):
        target = store_location(project, note=note)
        with in_use(target):
            try:
                return run_bounded(target, text, where, timeout=timeout, max_memory=max_memory)
            except _StoreDamaged as exc:
                if attempt == 2:
                    raise EvontoError(
                        f"the query cache {display_path(target)} is damaged: {exc}"
                    ) from None
                if note:
                    note(f"the query cache {display_path(target)} is damaged ({exc}); rebuilding")
        _discard(target)
    raise AssertionError("unreachable")


class _StoreDamaged(EvontoError):
    """The store failed while reading (RocksDB corruption), not the query."""


def pyoxigraph_read_only(target: Path):
    """Open a store read-only; a failure is :class:`_StoreDamaged`."""
    import pyoxigraph

    try:
        return pyoxigraph.Store.read_only(str(target))
    except (OSError, RuntimeError) as exc:
        raise _StoreDamaged(" ".join(str(exc).split())[:200]) from None


def load_files(store: pyoxigraph.Store, files: list[Path]) -> None:
    """Bulk-load RDF files into the default graph, with located errors."""
    from evonto.rdfio import parse_quads

    for path in files:
        store.bulk_extend(parse_quads(path))


def check_query(text: str, where: str = "query", *, federated: bool = False) -> str:
    """Refuse what is not a SPARQL query (an update, a syntax error) before any engine runs it.

    ``SERVICE`` is refused (:mod:`evonto.query.guard`) unless ``federated`` (a query for an
    endpoint the user names, which goes as written). Returns the query form: ``select``,
    ``ask``, ``construct`` (``describe`` too, when told apart by rdflib).
    """
    from evonto.query import guard

    if not guard.may_call_out(text):
        return _oxigraph_form(text, where)  # no SERVICE possible: Oxigraph's located messages
    parsed = guard.parse(text, where)
    if parsed.federated:
        if not federated:
            guard.guard(text, where)  # raises
        return parsed.form  # never tried locally: the engine would call the URL
    _oxigraph_form(text, where)
    return parsed.form


def _oxigraph_form(text: str, where: str) -> str:
    """The form of ``text`` as Oxigraph parses it (on an empty store), or a located error."""
    import pyoxigraph

    from evonto.query.guard import RefusedQuery, is_update

    try:
        result = pyoxigraph.Store().query(text)
    except SyntaxError as exc:
        if is_update(text):
            raise RefusedQuery(
                "SPARQL updates are refused: evonto only reads", Location(where)
            ) from None
        message = str(exc.msg if hasattr(exc, "msg") else exc)
        at = re.search(r"error at (\d+):(\d+)", message)
        location = Location(where, int(at[1]), int(at[2])) if at else Location(where)
        message = re.sub(r"^error at \d+:\d+: ", "", message.split(" error at ")[0])
        raise RefusedQuery(f"not a valid SPARQL query: {message}", location) from None
    except (ValueError, OSError) as exc:
        raise RefusedQuery(f"not a valid SPARQL query: {exc}", Location(where)) from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return "ask"
    if isinstance(result, pyoxigraph.QuerySolutions):
        return "select"
    return "construct"


def run(store: pyoxigraph.Store, text: str, where: str = "query") -> Results:
    """Run a SELECT or ASK on an Oxigraph store."""
    import pyoxigraph

    form = check_query(text, where)
    if form not in {"select", "ask"}:
        raise EvontoError("only SELECT and ASK queries are supported", Location(where))
    try:
        answer = store.query(text)
        if isinstance(answer, pyoxigraph.QueryBoolean):
            return Results(boolean=bool(answer))
        variables = [v.value for v in answer.variables]
        rows = [tuple(_term(solution[v]) for v in variables) for solution in answer]
    except (SyntaxError, ValueError) as exc:
        raise EvontoError(f"query failed: {exc}", Location(where)) from None
    except (OSError, RuntimeError) as exc:  # the store's files, not the query
        raise _StoreDamaged(" ".join(str(exc).split())[:200]) from None
    return Results(variables, rows)


def run_bounded(
    location: Path,
    text: str,
    where: str = "query",
    timeout: float = 60.0,
    max_memory: int | None = None,
) -> Results:
    """:func:`run` in a worker process that is killed after ``timeout`` seconds.

    pyoxigraph's ``query`` cannot be interrupted, so the time limit needs a process of its own;
    the worker opens the store read-only and sends back the rows (or the error). Its memory is
    capped at ``max_memory`` MiB above what it starts with (default
    :data:`evonto.query.serve.DEFAULT_MAX_MEMORY`).
    """
    import multiprocessing

    from evonto.query.serve import DEFAULT_MAX_MEMORY, OUT_OF_MEMORY, memory_exceeded

    check_query(text, where)  # refuse before spending a process on it
    method = "fork" if sys.platform == "linux" else "spawn"
    context = multiprocessing.get_context(method)
    receive, send = context.Pipe(duplex=False)
    memory = DEFAULT_MAX_MEMORY if max_memory is None else max_memory
    worker = context.Process(
        target=_worker, args=(str(location), text, where, send, os.getpid(), memory), daemon=True
    )
    worker.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise EvontoError(
                f"the query ran longer than {timeout:g} s and was stopped (--timeout)",
                Location(where),
            )
        kind, payload = receive.recv()
    except EOFError:
        worker.join()
        if worker.exitcode == OUT_OF_MEMORY:
            raise EvontoError(memory_exceeded(memory, "--max-memory"), Location(where)) from None
        raise EvontoError(
            f"the query engine stopped without an answer (exit {worker.exitcode})", Location(where)
        ) from None
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receive.close()
    if kind == "damaged":
        raise _StoreDamaged(payload)
    if kind == "error":
        raise EvontoError(payload, Location(where))
    return payload


def _quiet_stderr() -> None:
    """In the worker: no crash dump or allocator message on the user's terminal."""
    import faulthandler

    faulthandler.disable()
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)


def _worker(location: str, text: str, where: str, send, parent: int, memory: int) -> None:
    """In the worker: run the query and send ``("ok", Results)`` or ``("error", message)``."""

    from evonto.query.serve import die_with_parent, limit_memory, memory_exceeded

    die_with_parent(parent)
    limit_memory(memory, above_current=True)
    _quiet_stderr()  # an abort at the memory cap is reported by the parent, in its words
    try:
        store = pyoxigraph_read_only(Path(location))
        answer: tuple[str, object] = ("ok", run(store, text, where))
    except _StoreDamaged as exc:
        answer = ("damaged", exc.message)
    except EvontoError as exc:
        answer = ("error", exc.message)
    except MemoryError:
        answer = ("error", memory_exceeded(memory, "--max-memory"))
    except (OSError, ValueError, RuntimeError) as exc:
        answer = ("error", f"query failed: {exc}")
    send.send(answer)
    send.close()


def _term(node: object) -> Term | None:
    import pyoxigraph

    if node is None:
        return None
    if isinstance(node, pyoxigraph.NamedNode):
        return Term("uri", node.value)
    if isinstance(node, pyoxigraph.BlankNode):
        return Term("bnode", node.value)
    lit: pyoxigraph.Literal = node  # type: ignore[assignment]
    return literal(lit.value, lit.datatype.value, lit.language or "")


def warn(message: str) -> None:
    """A note on standard error."""
    print(f"evonto: {message}", file=sys.stderr)
