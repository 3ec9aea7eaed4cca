"""Checking a map: loading it from a file (:mod:`.load`), validation (:mod:`.validate`),
and its source text and quotes (:mod:`.source`).  See docs/architecture.md for the layers."""
