"""Judging a map: a learner's map compared with a key (:mod:`.compare`), what still
stands given a learner's judgements (:mod:`.evaluate`), and those judgements drawn on
the picture (:mod:`.overlay`).  See docs/architecture.md for the layers."""
