"""Rules CD301-CD304: notebooks as files (structure, stored outputs, shell lines)."""

from __future__ import annotations

from secplan.model import ControlId, Rule, Severity
from secplan.model.finding import Confidence
from secplan.model.rule import atlas, cwe, url

C = ControlId

MALFORMED_NOTEBOOK = Rule(
    id="CD301",
    name="malformed-notebook",
    title="Notebook that is not valid notebook JSON",
    severity=Severity.MEDIUM,
    controls=(C("DS5"), C("SC5")),
    summary="A `.ipynb` file (or a file whose content says it is a notebook) is not valid JSON, "
    "is nested too deeply, or lacks the `cells` list of the notebook format, so its cells "
    "and outputs could not be checked.",
    rationale="A notebook that secplan cannot read is a notebook whose code and outputs were "
    "not checked; Jupyter may still open a damaged file, and a crafted one is a way to hide "
    "content from scanners.",
    example='{"cells": [ {"cell_type": "code", "source": ["import pickle"  (truncated)',
    remediation="Repair the file (re-save it from Jupyter, or `jupyter nbconvert --to notebook` "
    "it), or remove it if it is not needed.",
    references=(cwe(20), url("https://nbformat.readthedocs.io/en/latest/format_description.html")),
)

PII_IN_OUTPUT = Rule(
    id="CD302",
    name="pii-in-notebook-output",
    title="Personal data in a stored notebook output",
    severity=Severity.MEDIUM,
    controls=(C("DS4"),),
    summary="A stored cell output (stream text, `text/plain`, `text/html`, error tracebacks) "
    "shows e-mail addresses, phone numbers or payment-card numbers (Luhn-checked). The "
    "finding counts them and shows none.",
    rationale="Outputs are saved with the notebook and travel with it into version control, "
    "reviews and shared drives: `df.head()` of a customer table is a data leak.",
    example="Out[3]:    name   email\n0  Ana  ana.silva@mail.pt",
    remediation="Clear outputs before committing (`jupyter nbconvert --clear-output`, "
    "nbstripout as a git filter) and anonymize data used in exploration.",
    confidence=Confidence.MEDIUM,
    references=(cwe(359), cwe(200)),
)

PIPE_TO_SHELL = Rule(
    id="CD303",
    name="download-piped-to-shell",
    title="Downloaded script piped into an interpreter",
    severity=Severity.HIGH,
    controls=(C("MS6"), C("PS7"), C("SC6")),
    summary="A notebook shell line (`!curl ... | sh`, `%%bash` cells) or a shell command in "
    "code pipes a download (`curl`, `wget`) straight into a shell or Python.",
    rationale="Whatever the server (or anyone on the path) returns runs at once, with no "
    "review, pinning or integrity check; install scripts for GPU drivers and model tools are "
    "a favourite target.",
    example="!curl -fsSL https://example.org/install.sh | sh",
    remediation="Download to a file, check it against a published hash or signature, review "
    "it, then run it; prefer packages from a registry with pinned versions.",
    references=(cwe(494), atlas("AML.T0010")),
)

UNPINNED_INSTALL = Rule(
    id="CD304",
    name="unpinned-notebook-install",
    title="Package installed from a notebook without a pinned version",
    severity=Severity.LOW,
    controls=(C("PS2"), C("SC6")),
    summary="A notebook installs packages (`!pip install`, `%pip install`, `%conda install`, "
    "`uv pip install`) without an exact `==` version for each of them.",
    rationale="Each run may install a different release, including a compromised or "
    "vulnerable one; results stop being reproducible.",
    example="%pip install transformers accelerate",
    remediation="Pin versions (`%pip install transformers==4.44.2`), or install from a locked "
    "requirements file (`%pip install -r requirements.txt`) with hashes.",
    confidence=Confidence.MEDIUM,
    references=(cwe(1357), cwe(829)),
)

RULES: tuple[Rule, ...] = (MALFORMED_NOTEBOOK, PII_IN_OUTPUT, PIPE_TO_SHELL, UNPINNED_INSTALL)
