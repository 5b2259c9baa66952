"""SPARQL query packs: discovery, parameter binding, and running them on a store or endpoint.

The pack reader (:mod:`evonto.query.packs`) is plain Python, so ``evonto query --list`` starts
without rdflib or pyoxigraph; engines import their back-ends only when they run.
"""
