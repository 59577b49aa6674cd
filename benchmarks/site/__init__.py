"""The benchmark server: the product's settings and URLs plus the baseline views (benchmarks/load.py uses it)."""
