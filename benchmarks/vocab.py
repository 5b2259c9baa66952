"""Values the synthetic findings draw from, with weights shaped like the review's findings.

Identifiers are the verified ones of the curated data (terms and resolved mentions); each entry
is (CURIE, label, weight). Roots are the classes the SHACL contract checks values against.
"""

from __future__ import annotations

ROOTS = {
    "vesicle": "GO:1903561",
    "organ": "UBERON:0001062",
    "cell": "CL:0000000",
    "mechanism": "GO:0008150",
    "disease": "MONDO:0000001",
    "evidence": "ECO:0000000",
}
ROOT_LABELS = {
    "GO:1903561": "extracellular vesicle",
    "UBERON:0001062": "anatomical entity",
    "CL:0000000": "cell",
    "GO:0008150": "biological_process",
    "MONDO:0000001": "disease",
    "ECO:0000000": "evidence",
}

#: vesicle kinds as MISEV2023 names them (the origin, tropism and role classes are inferred)
VESICLES = [
    ("EVONTO:0000001", "small extracellular vesicle", 45),
    ("GO:1903561", "extracellular vesicle", 30),
    ("GO:0070062", "extracellular exosome", 10),
    ("EVONTO:0000014", "large extracellular vesicle", 5),
    ("GO:1990742", "microvesicle", 5),
    ("EVONTO:0000002", "large oncosome", 2),
]
#: target organ (None = systemic finding) and the site the effect acts at
ORGANS = [
    ("UBERON:0002481", "bone tissue", 28),
    ("UBERON:0002048", "lung", 28),
    ("UBERON:0000955", "brain", 14),
    ("UBERON:0002107", "liver", 10),
    ("UBERON:0000029", "lymph node", 6),
    (None, "systemic", 14),
]
SYSTEMIC_SITES = [
    ("UBERON:0000310", "breast", 50),
    ("UBERON:0000178", "blood", 40),
    ("UBERON:0002371", "bone marrow", 10),
]
CELLS = {
    "UBERON:0002481": [
        ("CL:0000092", "osteoclast", 5),
        ("CL:0000062", "osteoblast", 2),
        ("CL:0002476", "bone marrow macrophage", 1),
    ],
    "UBERON:0002048": [
        ("CL:0002553", "fibroblast of lung", 3),
        ("CL:0000583", "alveolar macrophage", 2),
        ("CL:2000016", "lung microvascular endothelial cell", 2),
        ("CL:0000775", "neutrophil", 1),
    ],
    "UBERON:0000955": [
        ("CL:0000127", "astrocyte", 3),
        ("CL:0000129", "microglial cell", 2),
        ("CL:2000044", "brain microvascular endothelial cell", 3),
    ],
    "UBERON:0002107": [
        ("CL:0000091", "Kupffer cell", 4),
        ("CL:0000632", "hepatic stellate cell", 2),
    ],
    "UBERON:0000029": [("CL:0000235", "macrophage", 2), ("CL:0000084", "T cell", 1)],
    None: [
        ("CL:0000889", "myeloid suppressor cell", 3),
        ("CL:0000623", "natural killer cell", 2),
        ("CL:0000625", "CD8-positive, alpha-beta T cell", 2),
        ("CL:0000115", "endothelial cell", 2),
    ],
}
#: mechanisms: evonto's own process classes and the GO terms the findings use most
MECHANISMS = [
    ("EVONTO:0000040", "pre-metastatic niche formation", 20),
    ("EVONTO:0000041", "osteoclast activation", 8),
    ("GO:0030316", "osteoclast differentiation", 6),
    ("GO:0045453", "bone resorption", 4),
    ("GO:0045668", "negative regulation of osteoblast differentiation", 2),
    ("GO:0002682", "regulation of immune system process", 6),
    ("GO:0002683", "negative regulation of immune system process", 8),
    ("GO:0042116", "macrophage activation", 6),
    ("EVONTO:0000047", "myeloid-derived suppressor cell expansion", 4),
    ("GO:0050868", "negative regulation of T cell activation", 4),
    ("GO:0045953", "negative regulation of natural killer cell mediated cytotoxicity", 2),
    ("GO:1990266", "neutrophil migration", 2),
    ("GO:0006954", "inflammatory response", 5),
    ("GO:0043117", "positive regulation of vascular permeability", 6),
    ("GO:1905605", "positive regulation of blood-brain barrier permeability", 4),
    ("GO:0030198", "extracellular matrix organization", 5),
    ("GO:0019222", "regulation of metabolic process", 3),
    ("GO:0010906", "regulation of glucose metabolic process", 3),
    ("GO:0019216", "regulation of lipid metabolic process", 2),
    ("GO:0010718", "positive regulation of epithelial to mesenchymal transition", 5),
    ("EVONTO:0000059", "mesenchymal-epithelial transition induction", 1),
    ("GO:0045766", "positive regulation of angiogenesis", 4),
    ("GO:1901492", "positive regulation of lymphangiogenesis", 1),
    ("EVONTO:0000062", "tumour dormancy induction", 1),
    ("GO:0072537", "fibroblast activation", 4),
    ("GO:0061900", "glial cell activation", 2),
    ("EVONTO:0000066", "organotropic vesicle uptake", 3),
    ("GO:2001025", "positive regulation of response to drug", 1),
    ("EVONTO:0000068", "tumour cell colonisation support", 4),
    ("GO:0002839", "positive regulation of immune response to tumor cell", 1),
]
ROLES = [
    ("EVONTO:0000081", "pro-metastatic role", 90),
    ("EVONTO:0000082", "anti-metastatic role", 10),
]
DISEASES = [
    ("MONDO:0004989", "breast carcinoma", 45),
    ("MONDO:0005494", "triple-negative breast carcinoma", 35),
    ("MONDO:0006244", "HER2 positive breast carcinoma", 8),
    ("MONDO:0006512", "estrogen-receptor positive breast cancer", 6),
    ("MONDO:0021116", "luminal A breast carcinoma", 3),
    ("MONDO:0021115", "luminal B breast carcinoma", 3),
]
SPECIES = [
    (("NCBITaxon:9606", "NCBITaxon:10090"), "human cells in mouse", 50),
    (("NCBITaxon:9606",), "human", 30),
    (("NCBITaxon:10090",), "mouse", 20),
]
EVIDENCE = [("ECO:0000033", "author statement supported by traceable reference", 1)]
CELL_LINES = [
    ("cellosaurus:CVCL_0062", "MDA-MB-231", 40),
    ("cellosaurus:CVCL_0125", "4T1", 20),
    ("cellosaurus:CVCL_0031", "MCF-7", 8),
    ("cellosaurus:CVCL_5998", "MDA231-LM2-4175", 5),
    ("cellosaurus:CVCL_F736", "TS/A", 3),
    (None, "not stated", 24),
]
#: cargo class and the share of findings whose cargo is of that kind
CARGO_KINDS = [
    ("EVONTO:0000022", "microRNA cargo", 45),
    ("EVONTO:0000028", "integrin cargo", 8),
    ("EVONTO:0000029", "metabolic enzyme cargo", 7),
    ("EVONTO:0000030", "other protein cargo", 15),
    ("EVONTO:0000024", "long non-coding RNA cargo", 5),
    ("EVONTO:0000023", "circular RNA cargo", 5),
    ("EVONTO:0000025", "messenger RNA cargo", 3),
    ("EVONTO:0000026", "DNA cargo", 2),
    ("EVONTO:0000031", "lipid cargo", 5),
    ("EVONTO:0000032", "metabolite cargo", 5),
]
#: real cargo entities of the review, by cargo class
REAL_CARGO = {
    "EVONTO:0000022": [
        ("mirbase.mature:MIMAT0000421", "hsa-miR-122-5p"),
        ("mirbase.mature:MIMAT0000102", "hsa-miR-105-5p"),
        ("mirbase.mature:MIMAT0000275", "hsa-miR-218-5p"),
        ("mirbase.mature:MIMAT0000267", "hsa-miR-210-3p"),
        ("mirbase.mature:MIMAT0000256", "hsa-miR-181a-5p"),
        ("mirbase.mature:MIMAT0000076", "hsa-miR-21-5p"),
        ("mirbase.mature:MIMAT0000073", "hsa-miR-19a-3p"),
        ("mirbase.mature:MIMAT0002874", "hsa-miR-503-5p"),
        ("mirbase.mature:MIMAT0000441", "hsa-miR-9-5p"),
        ("mirbase.mature:MIMAT0000318", "hsa-miR-200b-3p"),
    ],
    "EVONTO:0000028": [
        ("HGNC:6158", "ITGB4"),
        ("HGNC:6142", "ITGA6"),
        ("HGNC:6150", "ITGAV"),
        ("HGNC:6160", "ITGB5"),
    ],
    "EVONTO:0000029": [("HGNC:9021", "PKM")],
    "EVONTO:0000030": [
        ("HGNC:11892", "TNF"),
        ("HGNC:11766", "TGFB1"),
        ("HGNC:6018", "IL6"),
        ("HGNC:5341", "IBSP"),
        ("HGNC:3778", "FN1"),
        ("HGNC:10618", "CCL2"),
        ("HGNC:17635", "CD274"),
        ("HGNC:537", "ANXA2"),
    ],
    "EVONTO:0000024": [("HGNC:12810", "XIST")],
}
PRIMARY_SOURCES = [
    "PMID:26524530",
    "PMID:27760789",
    "PMID:34465793",
    "PMID:32398867",
    "PMID:25621950",
]
REVIEW = "https://doi.org/10.3390/ijms26125430"
