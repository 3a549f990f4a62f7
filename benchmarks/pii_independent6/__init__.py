"""Sixth independent PII corpus: a held-out test written without reading the detectors."""
