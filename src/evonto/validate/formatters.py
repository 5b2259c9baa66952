"""Rendering a :class:`~evonto.validate.report.Report`: human text, JSON, JUnit XML.

The JSON structure is documented by ``report.schema.json`` (shipped next to this module) and
versioned by its ``format_version``; fields are only ever added. JUnit XML has one testsuite
per stage and one testcase per check (a QC query, a named SHACL shape, a source file...); a
testcase fails when it found a problem at or above ``--fail-on``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from xml.etree import ElementTree as ET

from evonto.validate.report import FAIL_ON, LEVELS, STAGES, Issue, Report

FORMAT_VERSION = 1
_PLURAL = {"error": "error(s)", "warn": "warning(s)", "info": "info"}


def render_text(report: Report, fail_on: str = "error") -> str:
    """Problems grouped by file, each at ``file:line:column`` (clickable), then a summary."""
    by_file: dict[str, list[Issue]] = defaultdict(list)
    for issue in report.sorted_issues():
        by_file[issue.file or "(no file)"].append(issue)
    out: list[str] = []
    for file in sorted(by_file, key=lambda f: (f == "(no file)", f)):
        out.append(file)
        for issue in by_file[file]:
            head = f"  {issue.where}: " if issue.file else "  "
            first, *rest = issue.message.splitlines() or [""]
            out.append(f"{head}{issue.level}: {first} [{issue.tag}]")
            out += [f"      {line}" for line in rest]
    stages = []
    for run in _ordered(report):
        state = run.name if run.status == "run" else f"{run.name} ({run.status})"
        if run.note:
            state += f" [{run.note}]"
        stages.append(state)
    accepted = report.sorted_accepted()
    if accepted:
        if out:
            out.append("")
        out.append(f"accepted ({len(accepted)}, by the exceptions file):")
        for item in accepted:
            issue = item.issue
            first = (issue.message.splitlines() or [""])[0]
            out.append(
                f"  {issue.where}: {issue.level}: {first} [{issue.tag}]"
                f" (accepted: {item.file}:{item.line})"
            )
    counts = report.counts()
    summary = ", ".join(f"{counts[level]} {_PLURAL[level]}" for level in LEVELS)
    if accepted:
        summary += f", {len(accepted)} accepted"
    verdict = {0: "passed", 1: "FAILED", 2: "FAILED (unreadable input)"}[report.exit_code(fail_on)]
    if out:
        out.append("")
    out.append(f"evonto validate: {verdict}: {summary} (fail on: {fail_on})")
    out.append("stages: " + "; ".join(stages))
    return "\n".join(out) + "\n"


def render_json(report: Report, fail_on: str = "error") -> str:
    """The report as JSON (see ``report.schema.json``), keys and items in a stable order."""
    doc = {
        "format": "evonto-validate-report",
        "format_version": FORMAT_VERSION,
        "inputs": report.inputs,
        "summary": {
            **report.counts(),
            "accepted": len(report.sorted_accepted()),
            "unreadable": sorted(set(report.unreadable)),
            "fail_on": fail_on,
            "exit_code": report.exit_code(fail_on),
        },
        "stages": [
            {
                "name": run.name,
                "status": run.status,
                "note": run.note,
                "checks": _checks(report, run.name),
                "counts": _stage_counts(report, run.name),
            }
            for run in _ordered(report)
        ],
        "problems": [_problem(i) for i in report.sorted_issues()],
        "accepted": [
            {
                **_problem(a.issue),
                "reason": a.reason,
                "exception": {"file": a.file, "line": a.line},
            }
            for a in report.sorted_accepted()
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _problem(i: Issue) -> dict:
    return {
        "stage": i.stage,
        "check": i.check,
        "level": i.level,
        "message": i.message,
        "location": {"file": i.file, "line": i.line, "column": i.column},
        "focus": i.focus,
        "path": i.path,
        "value": i.value,
        "component": i.component,
    }


def render_junit(report: Report, fail_on: str = "error") -> str:
    """JUnit XML: a testsuite per stage, a testcase per check."""
    failing = FAIL_ON[fail_on]
    root = ET.Element("testsuites", name="evonto validate")
    total = failures = skipped_total = 0
    for run in _ordered(report):
        suite = ET.SubElement(root, "testsuite", name=run.name)
        checks = _checks(report, run.name)
        if run.status != "run" and not checks:
            checks = [run.name]
        n_fail = n_skip = 0
        for check in checks:
            case = ET.SubElement(
                suite, "testcase", classname=f"evonto.validate.{run.name}", name=check
            )
            issues = report.issues_of(run.name, check)
            bad = [i for i in issues if i.level in failing]
            accepted = [
                f"accepted: {_line(a.issue)} ({a.file}:{a.line}: {a.reason})"
                for a in report.sorted_accepted()
                if a.issue.stage == run.name and a.issue.check == check
            ]
            if run.status != "run" and not issues:
                ET.SubElement(case, "skipped", message=run.note or run.status)
                n_skip += 1
            elif bad:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{len(bad)} problem(s); first: {bad[0].where}: {bad[0].message}"[:500],
                    type=bad[0].level,
                )
                failure.text = "\n".join([*(_line(i) for i in issues), *accepted])
                n_fail += 1
            elif issues or accepted:
                ET.SubElement(case, "system-out").text = "\n".join(
                    [*(_line(i) for i in issues), *accepted]
                )
        suite.set("tests", str(len(checks)))
        suite.set("failures", str(n_fail))
        suite.set("errors", "0")
        suite.set("skipped", str(n_skip))
        total += len(checks)
        failures += n_fail
        skipped_total += n_skip
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped_total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _render_tsv(report: Report, fail_on: str = "error") -> str:
    from evonto.validate.qc_report import render_tsv

    return render_tsv(report)


FORMATTERS: dict[str, Callable[[Report, str], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
    "tsv": _render_tsv,
}


def _line(issue: Issue) -> str:
    line = f"{issue.where}: {issue.level}: {issue.message}"
    return f"{line} ({issue.component})" if issue.component else line


def _ordered(report: Report):
    order = {name: i for i, name in enumerate(STAGES)}
    return sorted(report.stages, key=lambda run: order.get(run.name, len(order)))


def _checks(report: Report, stage: str) -> list[str]:
    listed = next((run.checks for run in report.stages if run.name == stage), [])
    seen = dict.fromkeys(listed)
    for issue in [*report.sorted_issues(), *(a.issue for a in report.sorted_accepted())]:
        if issue.stage == stage:
            seen.setdefault(issue.check)
    return sorted(seen)


def _stage_counts(report: Report, stage: str) -> dict[str, int]:
    counts = dict.fromkeys(LEVELS, 0)
    for issue in set(report.issues):
        if issue.stage == stage:
            counts[issue.level] = counts.get(issue.level, 0) + 1
    return counts
