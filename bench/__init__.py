"""Synthetic reports and the load benchmark (see bench/generator.py and bench/run.py)."""
