"""Rendering a :class:`~evonto.fair.model.FairReport`: human text, JSON, JUnit XML.

Like ``evonto validate``'s report: JSON keys and items in a stable order, with a
``format_version``; JUnit XML has one testsuite per group of checks (ontology, online,
network, dataset) and one testcase per check, failed, skipped (not run) or passed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from xml.etree import ElementTree as ET

from evonto.fair.model import FairReport, Outcome

FORMAT_VERSION = 1
GROUPS = ("ontology", "online", "network", "dataset")
_LABEL = {"pass": "pass", "fail": "FAIL", "accepted": "accepted", "not run": "not run"}


def _score(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def render_text(report: FairReport) -> str:
    """One line per check (status, ID, title, score, reason), then the score and verdict."""
    out = [f"evonto fair: {report.target}  (input: {', '.join(report.inputs)})"]
    out.append(f"  server: {report.served_by or 'none'}")
    out += [f"  note: {note}" for note in report.notes]
    width = max(len(o.check.id) for o in report.outcomes) if report.outcomes else 5
    for group in GROUPS:
        outcomes = [o for o in report.outcomes if o.check.group == group]
        if not outcomes:
            continue
        out.append(f"\n{group}:")
        for o in outcomes:
            parts = f"{o.result.passed}/{o.result.total}" if o.result.total else "-"
            out.append(
                f"  {_LABEL[o.status]:<9} {o.check.id:<{width}}  {o.check.title} "
                f"[{o.check.principle}] {parts}: {o.result.reason}"
            )
            if o.status in ("fail", "accepted"):
                out.append(f"  {'':<9} {'':<{width}}  see {o.check.source}")
            for gap in o.accepted:
                out.append(f"  {'':<9} {'':<{width}}  accepted ({gap.part}): {gap.reason}")
            for note in o.result.notes:
                out.append(f"  {'':<9} {'':<{width}}  note: {note}")
    for gap in report.unused_gaps:
        out.append(
            f"\nunused accepted gap, line {gap.line}: {gap.check} {gap.part} (matches nothing)"
        )
    counts = report.counts()
    run = sum(counts[s] for s in ("pass", "fail", "accepted"))
    out.append("")
    out.append(
        f"score: {_score(report.score())} over {run} checks run (accepted gaps count as "
        f"missing); {counts['pass']} passed, {counts['fail']} failed, "
        f"{counts['accepted']} accepted, {counts['not run']} not run"
    )
    out.append(f"evonto fair: {'FAILED' if report.exit_code() else 'passed'}")
    return "\n".join(out) + "\n"


def _check(o: Outcome) -> dict:
    return {
        "id": o.check.id,
        "title": o.check.title,
        "source": o.check.source,
        "principle": o.check.principle,
        "group": o.check.group,
        "status": o.status,
        "score": o.score,
        "passed": o.result.passed,
        "total": o.result.total,
        "reason": o.result.reason,
        "missing": list(o.result.missing),
        "notes": list(o.result.notes),
        "accepted": [{"part": g.part, "reason": g.reason, "line": g.line} for g in o.accepted],
    }


def render_json(report: FairReport) -> str:
    doc = {
        "format": "evonto-fair-report",
        "format_version": FORMAT_VERSION,
        "target": report.target,
        "inputs": report.inputs,
        "server": report.served_by,
        "score": report.score(),
        "summary": {**report.counts(), "exit_code": report.exit_code()},
        "notes": report.notes,
        "checks": [_check(o) for o in report.outcomes],
        "unused_gaps": [
            {"check": g.check, "part": g.part, "reason": g.reason, "line": g.line}
            for g in report.unused_gaps
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_junit(report: FairReport) -> str:
    root = ET.Element("testsuites", name="evonto fair")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for group in GROUPS:
        outcomes = [o for o in report.outcomes if o.check.group == group]
        if not outcomes:
            continue
        suite = ET.SubElement(root, "testsuite", name=group)
        n_fail = n_skip = 0
        for o in outcomes:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"evonto.fair.{group}",
                name=f"{o.check.id} {o.check.title}",
            )
            detail = "\n".join(
                [f"source: {o.check.source}", o.result.reason, *o.result.notes]
                + [f"accepted ({g.part}): {g.reason}" for g in o.accepted]
            )
            if o.status == "fail":
                failure = ET.SubElement(case, "failure", message=o.result.reason[:500], type="fail")
                failure.text = detail
                n_fail += 1
            elif o.status == "not run":
                ET.SubElement(case, "skipped", message=o.result.reason)
                n_skip += 1
            else:
                ET.SubElement(case, "system-out").text = detail
        suite.set("tests", str(len(outcomes)))
        suite.set("failures", str(n_fail))
        suite.set("errors", "0")
        suite.set("skipped", str(n_skip))
        totals["tests"] += len(outcomes)
        totals["failures"] += n_fail
        totals["skipped"] += n_skip
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


FORMATTERS: dict[str, Callable[[FairReport], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
}
