"""Benchmarks and the generator of large volumes they run on."""
