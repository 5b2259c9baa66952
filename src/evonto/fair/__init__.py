"""``evonto fair``: an offline FAIR self-check of the ontology and its findings.

The ontology checks follow the FOOPS! metrics (``oeg-upm/fair_ontologies``, ``doc/metric/``),
one function per metric ID (:mod:`evonto.fair.ontology`); those that need an HTTP server ask
``evonto serve`` (started for the run) or a ``--base-url`` the user names
(:mod:`evonto.fair.online`); those that need a public registry or the open web are reported
``not run``. Dataset checks for the findings follow the W3C Data on the Web Best Practices
(:mod:`evonto.fair.dataset`). :func:`evonto.fair.run.run_fair` runs them all into a
:class:`evonto.fair.model.FairReport`.
"""
