"""The static documentation site: ontology reference, organotropism atlas, queries, QC."""

from evonto.docs.site import build_site

__all__ = ["build_site"]
