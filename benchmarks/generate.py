"""Generate N synthetic findings shaped like the review's, on top of the real ontology.

``python -m benchmarks.generate 10000 -o benchmarks/results/findings-10000.ttl``

About 1% of the findings are deliberately invalid, one defect each (a missing or doubled slot, a
value of the wrong kind, a malformed source or flag), so validation has something to find. Class
values come from :mod:`benchmarks.vocab`; any of them the ontology does not (yet) place under
its root class is declared in a small stub file next to it (``*.stubs.ttl``, loaded with the
ontology), so that valid findings stay valid whatever the state of the import modules.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import vocab
from evonto import vocab as slots
from evonto.assertions.instances import Blank, Text, instance_triples
from evonto.prefixes import PREFIX_MAP, expand

SYNTHETIC = "https://w3id.org/evonto/synthetic/"
SYNTHETIC_CARGO = SYNTHETIC + "cargo/"
#: synthetic findings live outside ``finding/``, whose IDs (EVBC-A001) stop at 999 per series
SYNTHETIC_FINDING = SYNTHETIC + "finding/"
DEFECTS = (
    "missing_vesicle",
    "defined_vesicle",
    "two_roles",
    "organ_not_anatomy",
    "untyped_cargo",
    "bad_primary_source",
    "bad_boolean",
    "bad_confidence",
    "missing_site",
)
TURTLE_PREFIXES = (
    "EVONTO",
    "finding",
    "UBERON",
    "CL",
    "GO",
    "MONDO",
    "NCBITaxon",
    "ECO",
    "HGNC",
    "mirbase.mature",
    "cellosaurus",
    "PMID",
    "prov",
    "rdfs",
    "owl",
    "dcterms",
    "xsd",
)


@dataclass
class Generated:
    """What was written: counts, the invalid findings by defect, and stubbed terms."""

    path: str
    stubs_path: str
    findings: int
    triples: int
    invalid: dict[str, list[str]] = field(default_factory=dict)
    stubs: list[str] = field(default_factory=list)


def ontology_files(project_root: Path | None = None) -> list[Path]:
    """The edit file and the import modules its catalog resolves (the project's TBox)."""
    from evonto.project import Project
    from evonto.sources import import_iris, resolve_imports

    project = Project.locate(project_root)
    files = [project.edit_file]
    if project.catalog.is_file():
        files.extend(resolve_imports(project, import_iris(project.edit_file)).values())
    return files


def _class_terms() -> dict[str, str]:
    """Every class-valued vocabulary CURIE -> the root class it must reach."""
    out: dict[str, str] = {}
    for curie, _, _ in vocab.VESICLES:
        out[curie] = vocab.ROOTS["vesicle"]
    for curie, _, _ in [*vocab.ORGANS, *vocab.SYSTEMIC_SITES]:
        if curie:
            out[curie] = vocab.ROOTS["organ"]
    for cells in vocab.CELLS.values():
        for curie, _, _ in cells:
            out[curie] = vocab.ROOTS["cell"]
    for curie, _, _ in vocab.MECHANISMS:
        out[curie] = vocab.ROOTS["mechanism"]
    for curie, _, _ in vocab.DISEASES:
        out[curie] = vocab.ROOTS["disease"]
    for curie, _, _ in vocab.EVIDENCE:
        out[curie] = vocab.ROOTS["evidence"]
    for curie, _, _ in vocab.CARGO_KINDS:
        out[curie] = "EVONTO:0000020"
    return out


def missing_terms(files: list[Path]) -> list[tuple[str, str]]:
    """(term, root) pairs whose ``rdfs:subClassOf*`` chain to the root the ontology lacks."""
    from evonto.store import store_from_files

    store = store_from_files(files)
    terms = _class_terms()
    values = " ".join(f"(<{expand(t)}> <{expand(r)}>)" for t, r in sorted(terms.items()))
    query = (
        "SELECT ?t ?r WHERE { VALUES (?t ?r) { " + values + " } "
        "FILTER NOT EXISTS { ?t <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?r } }"
    )
    found = {(row["t"].value, row["r"].value) for row in store.query(query)}
    by_iri = {expand(t): t for t in [*terms, *terms.values()]}
    return sorted((by_iri[t], by_iri.get(r, r)) for t, r in found)


def _pick(rng: random.Random, table: list) -> tuple:
    return rng.choices(table, weights=[row[-1] for row in table])[0]


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cargo_pool(n: int, rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Cargo entities per cargo class: the review's, plus synthetic ones as the KB grows."""
    pool: dict[str, list[tuple[str, str]]] = {
        k: list(vocab.REAL_CARGO.get(k, [])) for k, *_ in vocab.CARGO_KINDS
    }
    extra = max(50, n // 4)
    kinds = [k for k, *_ in vocab.CARGO_KINDS]
    weights = [w for *_, w in vocab.CARGO_KINDS]
    drawn = [*kinds, *kinds, *rng.choices(kinds, weights=weights, k=extra)]  # none left empty
    for i, kind in enumerate(drawn):
        pool[kind].append((f"<{SYNTHETIC_CARGO}C{i:07d}>", f"synthetic cargo {i}"))
    return pool


def generate(
    n: int,
    out: Path,
    *,
    seed: int = 0,
    invalid_rate: float = 0.01,
    project_root: Path | None = None,
) -> Generated:
    """Write ``n`` findings (Turtle) to ``out``; return what was written."""
    rng = random.Random(seed)
    lines = [f"@prefix {p}: <{PREFIX_MAP[p]}> ." for p in TURTLE_PREFIXES]
    lines.append("")
    stubs_out = stubs_file(out)
    info = Generated(path=str(out), stubs_path=str(stubs_out), findings=n, triples=0)
    stubs = missing_terms(ontology_files(project_root))
    labels = {
        c: label
        for c, label, *_ in [
            *vocab.VESICLES,
            *vocab.MECHANISMS,
            *vocab.DISEASES,
            *vocab.EVIDENCE,
            *vocab.CARGO_KINDS,
        ]
    }
    labels.update({c: label for c, label, _ in [*vocab.ORGANS, *vocab.SYSTEMIC_SITES] if c})
    for cells in vocab.CELLS.values():
        labels.update({c: label for c, label, _ in cells})
    labels.update(vocab.ROOT_LABELS)
    triples = 0
    head = list(lines)
    lines.append("# stubs: terms the ontology does not yet place under their root class")
    if stubs:
        for root in sorted({r for _, r in stubs}):
            lines.append(f"{root} a owl:Class ; rdfs:label {_literal(labels.get(root, root))} .")
            triples += 2
        for term, root in stubs:
            if term.startswith("EVONTO:"):  # declared in the edit file: only the missing link
                lines.append(f"{term} rdfs:subClassOf {root} .")
                triples += 1
                continue
            lines.append(
                f"{term} a owl:Class ; rdfs:subClassOf {root} ; "
                f"rdfs:label {_literal(labels.get(term, term))} ."
            )
            triples += 3
        info.stubs = [t for t, _ in stubs]
    pool = _cargo_pool(n, rng)
    # synthetic cargo entities are declared like the import modules declare genes and miRNAs
    lines.append("# synthetic cargo entities (the data gives each its cargo kind)")
    for entity, label in sorted({e for entries in pool.values() for e in entries}):
        if entity.startswith(f"<{SYNTHETIC_CARGO}"):
            definition = f"A synthetic cargo entity ({label}) for scale benchmarks."
            lines.append(
                f"{entity} a owl:Class ; rdfs:label {_literal(label)}@en ; "
                f"<{expand('IAO:0000115')}> {_literal(definition)}@en ."
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    stubs_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = head
    typed: set[str] = set()
    defects = {d: [] for d in DEFECTS}
    for i in range(1, n + 1):
        fid = f"S{i:07d}"
        defect = rng.choice(DEFECTS) if rng.random() < invalid_rate else None
        organ, organ_label, _ = _pick(rng, vocab.ORGANS)
        site = organ or _pick(rng, vocab.SYSTEMIC_SITES)[0]
        kind = _pick(rng, vocab.CARGO_KINDS)[0]
        cargos = rng.sample(pool[kind], k=min(len(pool[kind]), rng.choice((1, 1, 1, 2, 3))))
        mechanisms = {_pick(rng, vocab.MECHANISMS)[0] for _ in range(rng.choice((1, 1, 2, 3)))}
        cells = {_pick(rng, vocab.CELLS[organ])[0] for _ in range(rng.choice((0, 1, 1, 2)))}
        species = _pick(rng, vocab.SPECIES)[0]
        line = _pick(rng, vocab.CELL_LINES)[0]
        role = _pick(rng, vocab.ROLES)[0]
        disease = _pick(rng, vocab.DISEASES)[0]
        vesicle = _pick(rng, vocab.VESICLES)[0]
        po: list[tuple[str, str]] = [
            ("a", "EVONTO:0000091"),
            ("a", "owl:NamedIndividual"),
            ("rdfs:label", _literal(f"{kind_label(kind)} EVs, {organ_label} ({fid})")),
            ("dcterms:description", _literal(f"Synthetic finding {fid} for scale benchmarks.")),
            ("EVONTO:0000209", disease),
            ("EVONTO:0000211", vocab.EVIDENCE[0][0]),
            ("EVONTO:0000212", rng.choice(vocab.PRIMARY_SOURCES)),
            ("prov:wasDerivedFrom", f"<{vocab.REVIEW}>"),
            ("EVONTO:0000301", _literal("high" if rng.random() < 0.8 else "medium")),
        ]
        if defect == "defined_vesicle":
            vesicle = "EVONTO:0000009"  # lung-tropic EV: inferred, never asserted
        if defect != "missing_vesicle":
            po.append(("EVONTO:0000201", vesicle))
        po.append(("EVONTO:0000208", role))
        if defect == "two_roles":
            po.append(
                ("EVONTO:0000208", "EVONTO:0000082" if role.endswith("81") else "EVONTO:0000081")
            )
        if defect == "organ_not_anatomy":  # also for a systemic finding (no organ drawn)
            po.append(("EVONTO:0000204", "GO:0008150"))
        elif organ:
            po.append(("EVONTO:0000204", organ))
        if defect != "missing_site":
            po.append(("EVONTO:0000205", site))
        po.append(("EVONTO:0000202", line or disease))  # no line named: the tumour cells
        po += [("EVONTO:0000203", c) for c, _ in cargos]
        po += [("EVONTO:0000206", c) for c in sorted(cells)]
        po += [("EVONTO:0000207", m) for m in sorted(mechanisms)]
        po += [("EVONTO:0000210", s) for s in species]
        if defect == "untyped_cargo":  # a cargo with no cargo kind
            po.append(("EVONTO:0000203", f"<{SYNTHETIC_CARGO}untyped-{i}>"))
        if defect == "bad_primary_source":
            po.append(("EVONTO:0000212", "<https://identifiers.org/pubmed:PMC12345>"))
        if rng.random() < 0.1 or defect == "bad_boolean":
            flag = '"maybe"^^xsd:boolean' if defect == "bad_boolean" else '"true"^^xsd:boolean'
            po.append(("EVONTO:0000302", flag))
        if defect == "bad_confidence":
            po = [(p, o) for p, o in po if p != "EVONTO:0000301"] + [("EVONTO:0000301", '"low"')]
        if defect:
            defects[defect].append(SYNTHETIC_FINDING + fid)
        body = " ;\n    ".join(f"{p} {o}" for p, o in po)
        lines.append(f"<{SYNTHETIC_FINDING}{fid}>\n    {body} .")
        triples += len(po)
        for c, label in cargos:
            if c not in typed:
                typed.add(c)
                lines.append(f"{c} EVONTO:0000403 {kind} ; rdfs:label {_literal(label)}@en .")
                triples += 2
        # the instance graph the build would add, from the same function (DESIGN §5b)
        kinds = {expand(c) if ":" in c and not c.startswith("<") else c[1:-1]: expand(kind)
                 for c, _ in cargos}  # fmt: skip
        instance = instance_triples(SYNTHETIC_FINDING + fid, _slots(po), kinds.get)
        lines.extend(f"{_turtle(s)} <{p}> {_turtle(o)} ." for s, p, o in instance)
        triples += len(instance)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    info.triples = triples
    info.invalid = {d: ids for d, ids in defects.items() if ids}
    return info


_SLOT_NAMES = {
    "EVONTO:0000201": "vesicle",
    "EVONTO:0000202": "produced_by",
    "EVONTO:0000203": "cargo",
    "EVONTO:0000204": "target_organ",
    "EVONTO:0000205": "site",
    "EVONTO:0000206": "target_cell",
    "EVONTO:0000207": "mechanism",
    "EVONTO:0000208": "role",
}
assert set(_SLOT_NAMES) == {
    slots.HAS_VESICLE,
    slots.VESICLE_PRODUCED_BY,
    slots.HAS_CARGO,
    slots.HAS_TARGET_ORGAN,
    slots.ACTS_AT_SITE,
    slots.HAS_TARGET_CELL,
    slots.HAS_MECHANISM,
    slots.HAS_METASTATIC_ROLE,
}


def _slots(po: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The slot values of a generated finding, as IRIs (for its instance graph)."""
    out: dict[str, list[str]] = {}
    for p, o in po:
        if p in _SLOT_NAMES:
            iri = o[1:-1] if o.startswith("<") else expand(o)
            out.setdefault(_SLOT_NAMES[p], []).append(iri)
    return out


def _turtle(term: str | Blank | Text) -> str:
    if isinstance(term, Blank):
        return f"_:{term.label}"
    if isinstance(term, Text):
        return _literal(term.value) + "@en"
    return f"<{term}>"


def stubs_file(data: Path) -> Path:
    """Where the stub TBox of a generated file goes (loaded with the ontology, not the data)."""
    return data.with_name(data.stem + ".stubs.ttl")


def kind_label(curie: str) -> str:
    """The label of a cargo class of the vocabulary."""
    return next(label for c, label, _ in vocab.CARGO_KINDS if c == curie)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m benchmarks.generate N -o FILE``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of findings")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--invalid-rate", type=float, default=0.01)
    args = parser.parse_args(argv)
    info = generate(args.n, args.output, seed=args.seed, invalid_rate=args.invalid_rate)
    summary = asdict(info) | {"invalid": {k: len(v) for k, v in info.invalid.items()}}
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
