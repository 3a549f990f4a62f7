"""Anonymization: every operator, atomic output, re-scan finds nothing covered, idempotence,
consistent pseudonyms across files and runs, k-anonymity."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secplan.data.anonymize import anonymize_file
from secplan.data.detect import Detector
from secplan.data.keys import StaticKeySource
from secplan.data.policy import DEFAULT_POLICY, KAnon, Policy, Rule, load_policy
from secplan.data.transforms import Transformer
from secplan.data.vault import TokenVault
from secplan.errors import ConfigError, TargetError

KEYS = StaticKeySource(b"test-key".ljust(32, b"."))
ROWS = [
    [
        "Maria Gonzalez",
        "maria.g@mail.es",
        "+44 20 7946 0018",
        "536-22-1847",
        "10115",
        "34",
        "1987-03-14",
        "flu",
    ],
    [
        "John Smith",
        "john@x.com",
        "(415) 555-2671",
        "219-21-4417",
        "10117",
        "36",
        "1990-11-02",
        "cold",
    ],
    [
        "Ana Silva",
        "ana@mail.pt",
        "+351 912 345 678",
        "457-12-9001",
        "10119",
        "38",
        "1979-01-30",
        "flu",
    ],
]
HEADER = ["name", "email", "phone", "ssn", "zip", "age", "dob", "diagnosis"]


def make_csv(path: Path, rows: list[list[str]] = ROWS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def run(src: Path, dst: Path, policy: Policy, vault: TokenVault | None = None):  # type: ignore[no-untyped-def]
    return anonymize_file(src, dst, policy, Transformer(policy, KEYS, vault))


POLICY = Policy(
    entities={
        "PERSON": Rule(action="pseudonym"),
        "EMAIL_ADDRESS": Rule(action="hash"),
        "PHONE_NUMBER": Rule(action="mask", keep=2),
        "US_SSN": Rule(action="tokenize"),
        "default": Rule(action="tag"),
    },
    columns={
        "zip": Rule(action="generalize", keep=3),
        "age": Rule(action="generalize", band=10),
        "dob": Rule(action="generalize", to="year"),
        "diagnosis": Rule(action="keep"),
    },
    kanon=KAnon(quasi_identifiers=["zip", "age"], sensitive=["diagnosis"], k=3, l=2),
)


def test_every_operator_and_the_report(tmp_path: Path) -> None:
    src = make_csv(tmp_path / "in.csv")
    before = src.read_bytes()
    vault = TokenVault(tmp_path / "v.sqlite", KEYS)
    res = run(src, tmp_path / "out.csv", POLICY, vault)
    vault.close()
    out = read_csv(tmp_path / "out.csv")
    assert src.read_bytes() == before  # the input is never modified
    assert out[0] == HEADER
    name, email, phone, ssn, zipc, age, dob, diag = out[1]
    assert name != "Maria Gonzalez" and len(name.split()) == 2
    assert email.startswith("HASH_") and len(email) == 5 + 16
    assert phone == "+** ** **** **18"
    assert ssn.startswith("TOK_US_SSN_")
    assert (zipc, age, dob, diag) == ("101**", "30-39", "1987", "flu")
    doc = res.as_json()
    assert doc["rows"] == {"before": 3, "after": 3}
    assert doc["residual"] == {}
    assert doc["changed"]["US_SSN"] == 3 and doc["changed"]["column:zip"] == 3
    assert "diagnosis" in doc["untouched_columns"]
    assert doc["column_types"]["age"] == {"before": "number", "after": "text"}
    assert doc["kanon"]["after"]["k"] == 3 and doc["kanon"]["after"]["l"] == 2
    assert doc["kanon"]["needed"] is None


def test_redact_drop_and_default_tag(tmp_path: Path) -> None:
    policy = Policy(
        entities={"default": Rule(action="tag"), "EMAIL_ADDRESS": Rule(action="redact")},
        columns={"ssn": Rule(action="drop")},
    )
    run(make_csv(tmp_path / "in.csv"), tmp_path / "out.csv", policy)
    out = read_csv(tmp_path / "out.csv")
    assert "ssn" not in out[0]
    assert out[1][:3] == ["<PERSON>", "", "<PHONE_NUMBER>"]


def test_rescan_finds_no_covered_personal_data(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text(
        "Dear Maria Gonzalez, card 4539 1488 0343 6467, IBAN DE89 3704 0044 0532 0130 00,\n"
        "mail ana@mail.pt from 81.2.69.160, SSN 536-22-1847, DOB: 14/03/1987.\n"
    )
    policy = Policy(
        entities={
            "default": Rule(action="tag"),
            "IP_ADDRESS": Rule(action="pseudonym"),
            "CREDIT_CARD": Rule(action="mask", keep=4),
        }
    )
    res = run(text, tmp_path / "out.txt", policy)
    out = (tmp_path / "out.txt").read_text()
    assert res.residual == {}
    assert Detector().analyze(out) == []
    assert "6467" in out and "ana@mail.pt" not in out


def test_pseudonyms_are_consistent_across_files_and_runs(tmp_path: Path) -> None:
    a = make_csv(tmp_path / "a.csv")
    b = make_csv(tmp_path / "b.csv", [ROWS[2], ROWS[0]])
    policy = Policy(
        entities={
            "PERSON": Rule(action="pseudonym"),
            "EMAIL_ADDRESS": Rule(action="pseudonym"),
            "default": Rule(action="tag"),
        }
    )
    run(a, tmp_path / "a.out.csv", policy)
    run(b, tmp_path / "b.out.csv", policy)
    ra, rb = read_csv(tmp_path / "a.out.csv"), read_csv(tmp_path / "b.out.csv")
    assert ra[1][:2] == rb[2][:2] and ra[3][:2] == rb[1][:2]
    assert ra[1][1].endswith("@mail.example")
    other = anonymize_file(
        a,
        tmp_path / "c.out.csv",
        policy,
        Transformer(policy, StaticKeySource(b"another key".ljust(32))),
    )
    assert other.rows_out == 3 and read_csv(tmp_path / "c.out.csv")[1][0] != ra[1][0]  # keyed


def test_output_is_atomic_and_never_the_input(tmp_path: Path) -> None:
    src = make_csv(tmp_path / "in.csv")
    with pytest.raises(TargetError, match="replace the input"):
        run(src, src, POLICY)
    (tmp_path / "exists.csv").write_text("keep me")
    with pytest.raises(TargetError, match="already exists"):
        run(src, tmp_path / "exists.csv", POLICY)
    assert (tmp_path / "exists.csv").read_text() == "keep me"
    with pytest.raises(RuntimeError):  # tokenize without a vault fails half-way: no output
        run(src, tmp_path / "never.csv", POLICY)
    assert not (tmp_path / "never.csv").exists()
    assert not list(tmp_path.glob(".never.csv.*"))


def test_jsonl_structure_is_kept(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(
        json.dumps(
            {"user": {"email": "ana@mail.pt", "age": 37}, "msg": "call +44 20 7946 0018", "n": None}
        )
        + "\nnot json\n"
    )
    policy = Policy(
        entities={"default": Rule(action="tag")},
        columns={"age": Rule(action="generalize", band=10)},
    )
    res = run(src, tmp_path / "b.jsonl", policy)
    line = json.loads((tmp_path / "b.jsonl").read_text().splitlines()[0])
    assert line == {
        "user": {"email": "<EMAIL_ADDRESS>", "age": "30-39"},
        "msg": "call <PHONE_NUMBER>",
        "n": None,
    }
    assert res.rows_out == 1 and res.errors  # the bad line is left out and reported


IDEMPOTENT = ("redact", "mask", "tag", "hash", "tokenize")
PII = st.sampled_from(
    [
        "ana@mail.pt",
        "+44 20 7946 0018",
        "4539 1488 0343 6467",
        "536-22-1847",
        "81.2.69.160",
        "DE89 3704 0044 0532 0130 00",
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parts=st.lists(
        st.one_of(PII, st.sampled_from([" ", ", ", " and ", "note: ", "x"])),
        min_size=1,
        max_size=12,
    ),
    action=st.sampled_from(IDEMPOTENT),
)
def test_anonymizing_twice_changes_nothing_more(
    tmp_path: Path, parts: list[str], action: str
) -> None:
    src = tmp_path / "in.txt"
    src.write_text(" ".join(parts) + "\n")  # values adjacent without a separator can merge
    policy = Policy(entities={"default": Rule(action=action)})  # type: ignore[arg-type]
    vault = TokenVault(tmp_path / "v.sqlite", KEYS)
    once, twice = tmp_path / "once.txt", tmp_path / "twice.txt"
    for p in (once, twice):
        p.unlink(missing_ok=True)
    anonymize_file(src, once, policy, Transformer(policy, KEYS, vault))
    anonymize_file(once, twice, policy, Transformer(policy, KEYS, vault))
    vault.close()
    assert once.read_text() == twice.read_text()


def test_policy_file_errors_name_the_field(tmp_path: Path) -> None:
    p = tmp_path / "p.toml"
    p.write_text('[entities]\nPERSON = { action = "scramble" }\n')
    with pytest.raises(ConfigError, match="entities"):
        load_policy(p)
    p.write_text('[columns.age]\naction = "generalize"\n')
    with pytest.raises(ConfigError, match="generalize needs"):
        load_policy(p)
    p.write_text(
        'version = 1\n[entities]\ndefault = { action = "tag" }\n[columns.x]\naction = "keep"\n'
    )
    assert load_policy(p).columns["x"].action == "keep"
    assert DEFAULT_POLICY.for_entity("US_SSN") is not None


def test_a_byte_order_mark_does_not_hide_a_column_from_its_rule(tmp_path: Path) -> None:
    src = tmp_path / "bom.csv"
    src.write_bytes(b"\xef\xbb\xbf" + b"name,ssn\nMaria Gonzalez,536-22-1847\n")
    policy = Policy(entities={"default": Rule(action="tag")}, columns={"name": Rule(action="drop")})
    res = run(src, tmp_path / "out.csv", policy)
    assert read_csv(tmp_path / "out.csv") == [["ssn"], ["<US_SSN>"]]
    assert res.columns_in == ["name", "ssn"] and res.as_json()["columns"]["dropped"] == ["name"]


def test_reidentify_reads_a_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    from secplan.data.reidentify import reidentify_file

    src = make_csv(tmp_path / "in.csv")
    policy = Policy(entities={"US_SSN": Rule(action="tokenize"), "default": Rule(action="tag")})
    vault = TokenVault(tmp_path / "v.sqlite", KEYS)
    run(src, tmp_path / "tok.csv", policy, vault)
    edited = tmp_path / "edited.csv"  # saved again by a spreadsheet program
    edited.write_bytes(b"\xef\xbb\xbf" + (tmp_path / "tok.csv").read_bytes())
    counts, unknown = reidentify_file(edited, tmp_path / "back.csv", vault)
    vault.close()
    back = read_csv(tmp_path / "back.csv")
    assert back[0] == HEADER and [r[3] for r in back[1:]] == [r[3] for r in ROWS]
    assert counts == {"US_SSN": 3} and unknown == 0


def test_a_policy_of_column_rules_still_anonymizes_the_other_columns(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "name,contact,notes\n"
        "Maria Gonzalez,josé.garcía@correo.es,SSN 536-22-1847\n"
        "John Smith,müller@bücher.de,card 4539 1488 0343 6467\n",
        encoding="utf-8",
    )
    policy = Policy(columns={"name": Rule(action="drop")})
    res = run(src, tmp_path / "out.csv", policy)
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    for value in ("Maria", "josé.garcía@correo.es", "müller@bücher.de", "536-22-1847", "0343"):
        assert value not in text
    assert "6467" in text  # the built-in rule masks cards to their last four digits
    assert res.residual == {} and res.published and res.verified
    assert res.changed["EMAIL_ADDRESS"] == 2 and res.changed["US_SSN"] == 1


def test_types_the_policy_does_not_name_get_the_built_in_rules(tmp_path: Path) -> None:
    policy = Policy(entities={"PERSON": Rule(action="tag")})  # nothing for e-mail or SSNs
    run(make_csv(tmp_path / "in.csv"), tmp_path / "out.csv", policy)
    name, email, phone, ssn = read_csv(tmp_path / "out.csv")[1][:4]
    assert name == "<PERSON>"
    assert email.endswith("@mail.example") and phone.endswith("18") and ssn == "<US_SSN>"


LEAKY = Policy(
    entities={"default": Rule(action="tag")},
    columns={"email": Rule(action="generalize", keep=64)},  # truncates nothing
)


def test_residual_personal_data_is_an_error_and_nothing_is_published(tmp_path: Path) -> None:
    from secplan.data.anonymize import ResidualPersonalData

    src = make_csv(tmp_path / "in.csv")
    dst = tmp_path / "out.csv"
    with pytest.raises(ResidualPersonalData) as caught:
        run(src, dst, LEAKY)
    res = caught.value.result
    assert res.residual == {"EMAIL_ADDRESS": 3}
    assert res.residual_columns == {"email": {"EMAIL_ADDRESS": 3}}
    assert res.verified and not res.published
    assert "EMAIL_ADDRESS 3 in column email" in caught.value.message
    assert not dst.exists() and not list(tmp_path.glob(".out.csv.*"))  # no file, no temp file
    doc = res.as_json()
    assert doc["published"] is False and doc["residual"] == {"EMAIL_ADDRESS": 3}


def test_a_refused_run_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    from secplan.data.anonymize import ResidualPersonalData

    dst = tmp_path / "out.csv"
    dst.write_text("earlier output\n")
    with pytest.raises(ResidualPersonalData):
        anonymize_file(
            make_csv(tmp_path / "in.csv"), dst, LEAKY, Transformer(LEAKY, KEYS), overwrite=True
        )
    assert dst.read_text() == "earlier output\n"


def test_keep_columns_may_hold_personal_data_and_the_report_says_so(tmp_path: Path) -> None:
    policy = Policy(
        entities={"default": Rule(action="tag")}, columns={"email": Rule(action="keep")}
    )
    res = run(make_csv(tmp_path / "in.csv"), tmp_path / "out.csv", policy)
    assert read_csv(tmp_path / "out.csv")[1][1] == "maria.g@mail.es"
    doc = res.as_json()
    assert doc["residual"] == {} and doc["published"] is True
    assert doc["residual_allowed"] == {"email": {"EMAIL_ADDRESS": 3}}


def test_pseudonym_names_are_counted_apart_at_any_scale(tmp_path: Path) -> None:
    from secplan.data.residual import PseudonymNames

    names = PseudonymNames()
    names.add("Robert Van Dyke")
    assert names.holds("Robert Van Dyke") and names.holds("Van Dyke") and names.holds("Robert")
    assert not names.holds("Dyke Robert") and not names.holds("Rob")


def test_jsonl_numbers_are_checked_like_text(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"card": 4539148803436467, "n": 3, "ok": True}) + "\n")
    res = run(src, tmp_path / "b.jsonl", Policy(entities={"default": Rule(action="tag")}))
    assert json.loads((tmp_path / "b.jsonl").read_text()) == {
        "card": "<CREDIT_CARD>",
        "n": 3,
        "ok": True,
    }
    assert res.residual == {}


def test_jsonl_records_nested_past_the_limit_are_left_out(tmp_path: Path) -> None:
    deep: dict[str, object] = {"ssn": "SSN 536-22-1847"}
    for _ in range(20):
        deep = {"x": deep}
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps(deep) + "\n" + json.dumps({"ok": "fine"}) + "\n")
    res = run(src, tmp_path / "b.jsonl", Policy())
    assert "536-22-1847" not in (tmp_path / "b.jsonl").read_text()
    assert res.rows_out == 1 and "nested deeper" in res.errors[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("keys.jsonl", json.dumps({"maria.g@mail.es": {"visits": 3}}) + "\n"),
        ("header.csv", "id,maria.g@mail.es\n1,2\n"),  # a pivoted table: people as columns
    ],
)
def test_personal_data_in_field_names_is_never_published(
    tmp_path: Path, name: str, content: str
) -> None:
    from secplan.data.anonymize import ResidualPersonalData

    src = tmp_path / name
    src.write_text(content)
    with pytest.raises(ResidualPersonalData) as caught:
        run(src, tmp_path / f"out-{name}", Policy())
    assert caught.value.result.residual == {"EMAIL_ADDRESS": 1}
    assert "in column (field names)" in caught.value.message
    assert not (tmp_path / f"out-{name}").exists()
