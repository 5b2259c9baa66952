"""evonto: extracellular vesicles in breast cancer organotropic metastasis, as OWL and RDF."""

__version__ = "0.1.0"
