"""Look-alikes met in real projects and in text nobody here wrote: product, company and place
names read as persons, version numbers read as IP addresses, floats read as phone numbers,
and what a project's documents publish on purpose (DT202)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secplan.data.detect import Detector, for_document, version_context
from secplan.data.scan import DetectorSpec, scan_file
from secplan.scanners.data_pii.scanners import document_kind

D = Detector()


def found(text: str, detector: Detector = D) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in detector.analyze(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The examples are built with PyTorch C++ and run on CUDA.",
        "Models are hosted by Hugging Face and trained with OpenAI baselines.",
        "We shipped to New Zealand, South Africa and Germany.",
        "Funding came from Goldman Sachs and Morgan Stanley.",
        "Export to TensorFlow Lite with Stable Diffusion weights.",
        "Tested on GitHub Actions and iPhone hardware with DeepMind code.",
        "Deployed by Microsoft Azure and Amazon SageMaker to Saudi Arabia.",
    ],
)
def test_products_companies_and_places_are_not_persons(text: str) -> None:
    assert [v for v, label in found(text) if label == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We met with Michael Dell yesterday.", "Michael Dell"),
        ("Signed by Sean McDonald on Friday.", "Sean McDonald"),
        ("Dear Maria Gonzalez, your order shipped.", "Maria Gonzalez"),
        ("Jordan Smith called about the invoice.", "Jordan Smith"),
    ],
)
def test_names_that_share_words_with_things_are_still_persons(text: str, name: str) -> None:
    assert (name, "PERSON") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "upgrade to version 10.2.3.4 tonight",
        "firmware 10.2.3.4 fixes the boot loop",
        "tagged 10.2.3.4-rc1 for testing",
        "10.2.3.4 release notes are online",
        "build 172.16.4.12+meta was pinned",
    ],
)
def test_version_strings_are_not_ip_addresses(text: str) -> None:
    assert [v for v, label in found(text) if label == "IP_ADDRESS"] == []


@pytest.mark.parametrize(
    "text",
    ["client ip 10.2.3.4 denied", "host 81.2.69.160 after the upgrade", "from 81.2.69.160"],
)
def test_addresses_in_address_context_stay_ip_addresses(text: str) -> None:
    assert [label for _, label in found(text)] == ["IP_ADDRESS"]


def test_version_context_reads_words_before_and_after() -> None:
    text = "driver 4.1.0.2 and 4.1.0.3-beta and ip 4.1.0.4"
    assert version_context(text, 7, 14)
    assert version_context(text, 19, 26)
    assert not version_context(text, 40, 47)


@pytest.mark.parametrize("ip", ["127.0.0.1", "127.1.2.3", "::1", "0.12.3.4", "224.0.0.251"])
def test_loopback_multicast_and_this_network_are_not_personal_data(ip: str) -> None:
    assert found(f"listening on {ip} now") == []


@pytest.mark.parametrize(
    "text",
    [
        "| resnet | 0.4483 0.6702 0.1234 |",
        "loss 27.35 41.20 38.11 after 3 epochs",
        "lr 0.0003 0.0001 beta 0.9 0.999",
        "mean (0.4850) 0.4560 0.4060",
    ],
)
def test_floats_are_not_phone_numbers(text: str) -> None:
    assert [v for v, label in found(text) if label == "PHONE_NUMBER"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("call 555.123.4567 today", "555.123.4567"), ("tel 01.23.45.67.89", "01.23.45.67.89")],
)
def test_dotted_phone_numbers_are_still_found(text: str, value: str) -> None:
    assert (value, "PHONE_NUMBER") in found(text)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("LICENSE.txt", "attribution"),
        ("AUTHORS.md", "attribution"),
        ("CITATION.md", "attribution"),
        ("CHANGELOG.rst", "attribution"),
        ("README.md", "prose"),
        ("docs/guide.txt", "prose"),
        ("notes/howto.rst", "prose"),
        ("logs/app.log", "text"),
        ("data/corpus.txt", "text"),
    ],
)
def test_document_kind(path: str, kind: str) -> None:
    assert document_kind(Path(path)) == kind


def _doc(kind: str, text: str) -> list[tuple[str, str]]:
    return found(text, Detector(document=kind))


def test_attribution_files_report_no_names_mails_or_links() -> None:
    line = "Copyright (c) 2022 Andrej Karpathy <karpathy@mail.org> https://karpathy.ai"
    assert _doc("attribution", line) == []
    assert ("4539 1488 0343 6467", "CREDIT_CARD") in _doc(
        "attribution", "Andrej Karpathy paid with 4539 1488 0343 6467"
    )


def test_prose_keeps_a_name_only_with_other_personal_data() -> None:
    assert _doc("prose", "This port was written for Maria Gonzalez last year.") == []
    assert _doc("prose", "author = {Radford, Alec and Kim, Jong Wook}") == []
    assert _doc("prose", "Thanks to Maria Gonzalez <maria.g@mail.es> for the fix") == []
    got = _doc("prose", "Patient Maria Gonzalez, phone +44 20 7946 0018")
    assert ("Maria Gonzalez", "PERSON") in got and ("+44 20 7946 0018", "PHONE_NUMBER") in got


def test_prose_drops_links_and_private_addresses_but_not_public_ones() -> None:
    text = "open http://192.168.1.10:8080/ui or ssh 10.0.0.5, our gateway is 81.2.69.160"
    assert _doc("prose", text) == [("81.2.69.160", "IP_ADDRESS")]
    assert ("10.0.0.5", "IP_ADDRESS") in _doc("text", text)
    assert [label for _, label in _doc("text", text)].count("URL") == 0


@given(st.text(max_size=120))
@settings(max_examples=150, deadline=None)
def test_for_document_only_removes_spans(text: str) -> None:
    spans = D.analyze(text)
    for kind in ("text", "prose", "attribution"):
        kept = for_document(text, spans, kind)
        assert set(kept) <= set(spans)


def test_document_scan_uses_the_kind(tmp_path: Path) -> None:
    f = tmp_path / "LICENSE.txt"
    f.write_text("MIT License\n\nMaintainer: Maria Gonzalez\n", encoding="utf-8")
    plain = scan_file(f, fmt="text")
    assert [h.entity for h in plain.hits] == ["PERSON"]
    credited = scan_file(f, fmt="text", spec=DetectorSpec(document="attribution"))
    assert credited.hits == ()


@pytest.mark.parametrize(
    "text",
    ["'Greater Swiss Mountain dog',", "bighorn, Rocky Mountain sheep", "Siamese Cat Club"],
)
def test_breeds_and_places_named_by_nationality_or_landform_are_not_persons(text: str) -> None:
    assert [v for v, label in found(text) if label == "PERSON"] == []


def test_a_common_surname_after_a_given_name_is_still_a_person() -> None:
    assert ("Kim Park", "PERSON") in found("Signed by Kim Park today")


def test_ssh_remotes_are_not_mail_addresses() -> None:
    assert found("git clone git@github.com:org/repo.git") == []


def test_a_weak_name_alone_on_a_line_of_text_is_not_reported() -> None:
    assert _doc("text", "948: 'Granny Smith',") == []
    assert ("Granny Smith", "PERSON") in _doc("text", "948: 'Granny Smith', granny@mail.es")
    assert ("Maria Gonzalez", "PERSON") in _doc("text", "login by Maria Gonzalez")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Geburtstag: 03.04.1985", "03.04.1985"),
        ("född 1985-04-03 i Malmö", "1985-04-03"),
        ("data de nascimento 03/04/1985", "03/04/1985"),
        ("Ana (bday 1985-04-03)", "1985-04-03"),
        ("data urodzenia: 3.04.1985", "3.04.1985"),
    ],
)
def test_birth_words_of_more_languages(text: str, value: str) -> None:
    assert (value, "DATE_OF_BIRTH") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "google AIzaEqV8ib8HDy88YtDtXbiufMdI8X2Y4rUmer_",
        "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",
        "npm_XA3hcMNWcyTLvJ47rGpctaegMIc8mAsNqjSc",
        "mailgun key-a6e87316a58a2b4d98ebd9dd1d460fd7",
        "shopify 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",
        "the token is GFukuewyPyLtxqmvBhiJaTUyYfKlcxDMPYIyOZcN",
        "token: KVlPPUOjlx46PDhg",
        "use key aab4ccec38d79d89a0da0c41aebb8f01 for the api",
    ],
)
def test_api_keys_by_prefix_or_by_context(text: str) -> None:
    assert [label for _, label in found(text)] == ["API_KEY"]


@pytest.mark.parametrize(
    "text",
    [
        "key stored in configs/Prod2Key.yaml",
        "key file MyModelCheckpoint2.ckpt",
        "request token 9f1c2e4a-7b3d-4e8f-a6c1-2d9e8b7a6f50",
        "the key is in the drawer",
        "run ResNet50FinetunedOnImageNet2012 again",
    ],
)
def test_key_look_alikes(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("CPF 390.533.447-05", "390.533.447-05"),
        ("PAN ABCPE1234F", "ABCPE1234F"),
        ("AHV 756.9217.0769.85", "756.9217.0769.85"),
        ("Aadhaar 2345 6789 0124", "2345 6789 0124"),
        ("fødselsnummer 15108695088", "15108695088"),
        ("TFN 123 456 782", "123 456 782"),
    ],
)
def test_national_ids_of_more_countries(text: str, value: str) -> None:
    assert (value, "NATIONAL_ID") in found(text)


@pytest.mark.parametrize("text", ["order 2345 6789 0124", "build 046454286", "sku ABCPE1234F"])
def test_bare_number_ids_need_context(text: str) -> None:
    assert [label for _, label in found(text) if label == "NATIONAL_ID"] == []


@pytest.mark.parametrize(
    "text",
    [
        "I bought the Pixel Fold yesterday.",
        "She uses a Galaxy Nova S23 at work.",
        "Quarterly report by Global Sales Operations, draft 2.",
        "Escalate to Human Resources and Customer Success today.",
        "Bought with Nova Prime X200 yesterday",
    ],
)
def test_products_with_articles_or_model_numbers_and_units_are_not_persons(text: str) -> None:
    assert [v for v, label in found(text) if label == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Meeting with Laura Smith 3 times", "Laura Smith"),
        ("Dear Laura Smith 2nd reminder", "Laura Smith"),
        ("the Smiths met Laura Smith", "Laura Smith"),
    ],
)
def test_names_next_to_numbers_and_articles_are_kept(text: str, name: str) -> None:
    assert (name, "PERSON") in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the roadmap is done; Lodovico Satta will follow up.", "Lodovico Satta"),
        ("see the public page of Koen Schuurmans.", "Koen Schuurmans"),
        ("New address for Alberico Fibonacci: see the form", "Alberico Fibonacci"),
    ],
)
def test_names_the_lists_do_not_know_found_by_context(text: str, name: str) -> None:
    assert (name, "PERSON") in found(text)
