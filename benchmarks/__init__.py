"""Scale benchmarks: synthetic findings on the real ontology, fast path versus naive path."""
