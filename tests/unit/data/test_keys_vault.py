"""Project keys, the token vault and the NER plug-in seam."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from secplan.data.detect import Detector
from secplan.data.keys import FileKeySource, StaticKeySource
from secplan.data.spans import Span
from secplan.data.vault import TokenVault
from secplan.errors import ConfigError, ServiceError, VerificationError


def test_file_keys_are_random_private_and_stable(tmp_path: Path) -> None:
    keys = FileKeySource(tmp_path / "keys")
    a = keys.data_key("default")
    assert len(a) == 32 and a == FileKeySource(tmp_path / "keys").data_key("default")
    assert a != FileKeySource(tmp_path / "other").data_key("default")
    mode = stat.S_IMODE((tmp_path / "keys" / "default.key").stat().st_mode)
    assert mode == 0o600
    with pytest.raises(ConfigError):
        keys.data_key("../escape")
    (tmp_path / "keys" / "short.key").write_bytes(b"x")
    with pytest.raises(ServiceError, match="damaged"):
        keys.data_key("short")


def test_vault_round_trip_and_tamper_detection(tmp_path: Path) -> None:
    path = tmp_path / "v.sqlite"
    vault = TokenVault(path, StaticKeySource(b"k" * 32))
    token = vault.tokenize("ana@mail.pt", "EMAIL_ADDRESS")
    assert token == vault.tokenize("ana@mail.pt", "EMAIL_ADDRESS")
    assert token != vault.tokenize("ana@mail.pt", "PERSON")
    assert vault.reveal("TOK_EMAIL_ADDRESS_" + "0" * 24) is None
    vault.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"ana@mail.pt" not in path.read_bytes()  # encrypted at rest
    wrong = TokenVault(path, StaticKeySource(b"w" * 32))
    with pytest.raises(VerificationError):
        wrong.reveal(token)
    wrong.close()
    db = sqlite3.connect(path)
    db.execute("UPDATE tokens SET ciphertext = zeroblob(length(ciphertext))")
    db.commit()
    db.close()
    vault = TokenVault(path, StaticKeySource(b"k" * 32))
    with pytest.raises(VerificationError, match="integrity"):
        vault.reveal(token)
    vault.close()


class FakeNer:
    name = "fake"

    def persons(self, text: str) -> list[Span]:
        i = text.find("Zwyx")
        return [Span(i - 8, i + 4, "PERSON", 0.7)] if i >= 8 else []


def test_an_ner_engine_adds_person_names() -> None:
    text = "for Qorvath Zwyx today"
    assert Detector().analyze(text) == []
    spans = Detector(ner=FakeNer()).analyze(text)
    assert [(text[s.start : s.end], s.label) for s in spans] == [("Qorvath Zwyx", "PERSON")]


def test_missing_ner_pipeline_is_a_config_error() -> None:
    from secplan.data.ner import load_ner

    assert load_ner("") is None
    with pytest.raises(ConfigError):
        load_ner("stanza:en")
    with pytest.raises(ConfigError):
        load_ner("spacy:no_such_pipeline_installed")
