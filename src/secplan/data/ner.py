"""An optional named-entity model for person names, behind one small protocol.

The dictionary-and-context detector in :mod:`secplan.data.names` works offline with no model.
When spaCy and one of its pipelines are installed, ``SpacyNer("en_core_web_lg")`` adds the
model's PERSON entities. Pipelines are loaded from what is installed, never downloaded.
"""

from __future__ import annotations

import importlib.util
from typing import Any, Protocol

from secplan.data.spans import Entity, Span
from secplan.errors import ConfigError


class NerEngine(Protocol):
    """Finds PERSON spans in text."""

    name: str

    def persons(self, text: str) -> list[Span]: ...


class SpacyNer:
    """PERSON entities from an installed spaCy pipeline (``PERSON``/``PER`` labels)."""

    def __init__(self, model: str, *, score: float = 0.7) -> None:
        if importlib.util.find_spec("spacy") is None:
            raise ConfigError("spaCy is not installed", "pip install 'secplan[ner]'")
        spacy = importlib.import_module("spacy")

        if not spacy.util.is_package(model) and importlib.util.find_spec(model) is None:
            raise ConfigError(
                f"spaCy pipeline {model!r} is not installed",
                "install the pipeline's wheel; secplan never downloads models",
            )
        self.name = f"spacy:{model}"
        self._score = score
        self._nlp: Any = spacy.load(model, exclude=["lemmatizer", "parser", "tagger"])

    def persons(self, text: str) -> list[Span]:
        doc = self._nlp(text[:100_000])
        return [
            Span(e.start_char, e.end_char, Entity.PERSON, self._score)
            for e in doc.ents
            if e.label_ in ("PERSON", "PER")
        ]


def load_ner(spec: str | None) -> NerEngine | None:
    """``spacy:MODEL`` -> a :class:`SpacyNer`; ``None`` or ``""`` -> no model."""
    if not spec:
        return None
    kind, _, model = spec.partition(":")
    if kind != "spacy" or not model:
        raise ConfigError(
            f"unknown NER engine {spec!r}", "use spacy:PIPELINE, e.g. spacy:en_core_web_lg"
        )
    return SpacyNer(model)
