"""Independent PII benchmark: a corpus written from public sources, and its runner."""
