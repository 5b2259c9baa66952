"""Throughput of ``evonto serve`` (front + Oxigraph child) against the bare Oxigraph server.

``python -m benchmarks.serve_front [--project DIR] [--clients 20] [--requests 25]`` starts both on
free ports over the same store, sends a small and a pack query from CLIENTS threads, and prints
queries per second and errors for each.
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

SMALL = "SELECT (COUNT(?f) AS ?n) WHERE { ?f a <https://w3id.org/evonto/EVONTO_0000091> }"


def _load(port: int, query: str, clients: int, requests: int) -> dict:
    errors: list[str] = []
    path = "/query?" + urlencode({"query": query})

    def client() -> None:
        for _ in range(requests):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                connection.request(
                    "GET", path, headers={"Accept": "application/sparql-results+json"}
                )
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(str(response.status))
            except OSError as exc:
                errors.append(repr(exc))
            finally:
                connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {"queries_per_s": round(clients * requests / elapsed, 1), "errors": len(errors)}


def _wait(port: int) -> None:
    import socket

    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def measure(project_dir: Path, clients: int, requests: int) -> dict:
    from evonto.project import Project
    from evonto.query.local import store_location
    from evonto.query.packs import find
    from evonto.query.params import bind
    from evonto.query.serve import free_port, server_command

    project = Project.locate(project_dir)
    location = store_location(project)
    pack = bind(find(project.queries_dir, "organotropism/cargo-by-organ"), {})
    out = {}
    front_port, bare_port = free_port(), free_port()
    front = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "evonto",
            "--project",
            str(project_dir),
            "serve",
            "--port",
            str(front_port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    bare = subprocess.Popen(
        server_command(location, "127.0.0.1", bare_port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(front_port)
        _wait(bare_port)
        for name, port in (("evonto serve", front_port), ("bare oxigraph", bare_port)):
            out[name] = {
                label: _load(port, text, clients, requests)
                for label, text in (("small", SMALL), ("pack", pack))
            }
    finally:
        for process in (front, bare):
            process.terminate()
            process.wait(timeout=20)
    return {"clients": clients, "requests_per_client": requests, "results": out}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25)
    args = parser.parse_args()
    print(json.dumps(measure(args.project, args.clients, args.requests), indent=2))


if __name__ == "__main__":
    main()
