"""Benchmarks of the portal network: `make bench`, or `python -m bench [name ...]`.

Everything runs against a throwaway database (see bench.database), never the
dev database. Each figure is printed as a ratio against a baseline measured in
the same run, since absolute timings depend on the machine and its load.
"""
