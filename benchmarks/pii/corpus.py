"""The labelled corpus: free-text records with character-offset spans (including hard
negatives that hold no personal data at all), and tables whose columns are labelled (some
with misleading names).

    python -m benchmarks.pii.corpus OUTDIR [--records 4000] [--rows 2000] [--seed 7]

writes OUTDIR/text.jsonl ({"id", "text", "spans": [{"start", "end", "label"}]}) and
OUTDIR/tables/*.csv with OUTDIR/tables/labels.json ({file: {column: label}}).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import uuid
from pathlib import Path

from benchmarks.pii.synth import Synth

# Each template is text with {slot} markers; a slot is an entity (upper case) filled by the
# synthesizer, or a lower-case filler that is not personal data.
TEMPLATES = [
    "Hi, my name is {PERSON} and you can reach me at {PHONE_NUMBER}.",
    "Please update the email on file for {PERSON} to {EMAIL_ADDRESS}, thanks!",
    "Customer {PERSON} called about order {order}; callback number {PHONE_NUMBER}.",
    "Ship to: {STREET_ADDRESS}",
    "New address for {PERSON}: {STREET_ADDRESS}. Effective {event_date}.",
    "Patient {PERSON}, DOB {DATE_OF_BIRTH}, was seen on {event_date} for a follow-up.",
    "{PERSON} (born {DATE_OF_BIRTH}) joined the team in {year}.",
    "Payment declined for card {CREDIT_CARD}, please contact {EMAIL_ADDRESS}.",
    "Refund issued to IBAN {IBAN_CODE} on {event_date}.",
    "Wire the deposit to {IBAN_CODE} (account holder {PERSON}).",
    "SSN: {US_SSN}",
    "Applicant {PERSON}, social security number {US_SSN}, requested a credit check.",
    "{timestamp} INFO auth: login ok user={EMAIL_ADDRESS} ip={IP_ADDRESS}",
    "{timestamp} WARN api: rate limit for client {IP_ADDRESS} (req {req})",
    "{timestamp} ERROR payments: charge failed card={CREDIT_CARD} amount={amount}",
    "Device {MAC_ADDRESS} connected from {IP_ADDRESS} at {timestamp}.",
    "Profile: {URL} - contact {EMAIL_ADDRESS}",
    "See {URL} for the public page of {PERSON}.",
    "Passport number {PASSPORT}, issued to {PERSON}.",
    "Traveller {PERSON} presented passport {PASSPORT} at the gate.",
    "Send the refund in BTC to {CRYPTO} please.",
    "Donations: {CRYPTO}",
    'Leaked config: api_key = "{API_KEY}"',
    "export TOKEN={API_KEY}",
    "From: {PERSON} <{EMAIL_ADDRESS}>\nSubject: {subject}",
    "Dear {PERSON},\nyour appointment on {event_date} is confirmed. "
    "Questions? Call {PHONE_NUMBER}.",
    "Thanks,\n{PERSON}\n{PHONE_NUMBER}",
    "{PERSON} and {PERSON} will attend the {subject} review.",
    "Meeting notes: {PERSON} presented the {subject} results; {PERSON} will follow up.",
    "I spoke with {PERSON} yesterday; she lives at {STREET_ADDRESS}.",
    "Contact: {PERSON}, {EMAIL_ADDRESS}, {PHONE_NUMBER}",
    "ticket {req}: user {EMAIL_ADDRESS} cannot log in from {IP_ADDRESS}",
    "Her BSN is {nl_bsn}.",
    "Codice fiscale: {it_cf}",
    "PESEL {pl_pesel}",
    "DNI {es_dni} / NIE {es_nie}",
    "National Insurance number {gb_nino}",
    "Numéro NIR : {fr_nir}",
    "henkilötunnus {fi_hetu}",
    "{PERSON} emailed from {EMAIL_ADDRESS} asking to delete the account.",
]
NEGATIVES = [
    "Build {version} released on {event_date}; see changelog for details.",
    "{timestamp} INFO worker: processed batch {req} in {ms} ms",
    "{timestamp} DEBUG cache: key={uuid} hit ratio {ratio}",
    "Order {order} shipped on {event_date} via tracking {tracking}.",
    "Invoice {invoice} total {amount} due {event_date}.",
    "commit {sha} merged into main; checksum sha256:{sha256}",
    "Request {uuid} took {ms} ms (status 200).",
    "Version {version} fixes {req} issues; upgrade from {version}.",
    "The model reached {ratio} accuracy after {req} steps on {event_date}.",
    "Machine Learning Weekly: New York Times covers Deep Learning at Google Research.",
    "ISBN {isbn}; page {page}; edition {year}.",
    "Temperature {temp} C at station {station} on {event_date} {clock}.",
    "Order number {luhn_like} confirmed; reference {req}.",
    "Product SKU {sku} costs {amount}; {req} units in stock.",
    "Server build 4.12.7 listening on port {port}, pid {req}.",
    "Coordinates {coord}, elevation {page} m.",
    "Epoch {epoch} corresponds to the backup window.",
    "Error code {req} occurred in module Payment Service at {clock}.",
    "Transaction {txn} settled with status OK.",
    "Spring Boot and Apple Silicon support landed in version {version}.",
]
# Written after secplan's detectors were last changed, and never used to change them: the
# held-out set measures how far the results carry to text the detectors were not tuned on.
HELDOUT = [
    "Reminder from {PERSON}: the invoice for {PERSON} goes to {EMAIL_ADDRESS}.",
    "Emergency contact {PERSON} ({PHONE_NUMBER}), relation: sister.",
    "Courier note - deliver parcel to {STREET_ADDRESS} before noon, recipient {PERSON}.",
    "According to the intake form, {PERSON} was born on {DATE_OF_BIRTH}.",
    "Chargeback on {CREDIT_CARD}; cardholder {PERSON} disputes the amount.",
    "Salary goes to {IBAN_CODE} from next month.",
    "The W-2 lists SSN {US_SSN} for {PERSON}.",
    "{timestamp} sshd[{req}]: Accepted publickey for deploy from {IP_ADDRESS} port {port}",
    "DHCP lease {IP_ADDRESS} assigned to {MAC_ADDRESS} ({timestamp})",
    "Her LinkedIn is {URL}, and her cell is {PHONE_NUMBER}.",
    "Visa application: passport {PASSPORT}, holder {PERSON}, nationality Canadian.",
    "Tip jar (ETH/BTC): {CRYPTO}",
    "Rotate this key now: {API_KEY}",
    "CC: {PERSON}, {PERSON}; BCC: {EMAIL_ADDRESS}",
    "PPS/NIE on the contract: {es_nie}; tax code {it_cf}.",
    "Release {version} on {event_date}: fixed crash when parsing {sha} objects.",
    "{timestamp} INFO scheduler: job {uuid} finished in {ms} ms",
    "Shipment {tracking} left the warehouse at {clock}; {req} items.",
    "Quarterly Revenue Report by Global Sales Operations, draft {version}.",
    "Coupon {sku} applied; total {amount}; receipt {invoice}.",
]
_SLOT = re.compile(r"\{([A-Za-z_]+)\}")


def _filler(s: Synth, name: str) -> str:
    r = s.r
    f = s.faker("en_US")
    fills = {
        "order": lambda: f"ORD-{r.randint(2019, 2026)}-{r.randint(0, 999999):06d}",
        "event_date": lambda: (
            f.date_between("-3y", "today").isoformat()
            if r.random() < 0.6
            else f.date_between("-3y", "today").strftime("%d/%m/%Y")
        ),
        "year": lambda: str(r.randint(2000, 2026)),
        "timestamp": lambda: (
            f.date_time_between("-1y", "now").strftime("%Y-%m-%dT%H:%M:%SZ")
            if r.random() < 0.5
            else f.date_time_between("-1y", "now").strftime("%Y-%m-%d %H:%M:%S,%f")[:-3]
        ),
        "req": lambda: str(r.randint(100, 9_999_999)),
        "amount": lambda: f"${r.randint(1, 9999)}.{r.randint(0, 99):02d}",
        "subject": lambda: r.choice(
            ["Q3 budget", "model drift", "migration", "security audit", "roadmap"]
        ),
        "version": lambda: f"{r.randint(0, 12)}.{r.randint(0, 30)}.{r.randint(0, 200)}",
        "ms": lambda: str(r.randint(1, 99999)),
        "uuid": lambda: str(uuid.UUID(int=r.getrandbits(128), version=4)),
        "ratio": lambda: f"{r.random():.3f}",
        "tracking": lambda: f"1Z{r.randint(10**15, 10**16 - 1)}",
        "invoice": lambda: f"INV-{r.randint(10000, 99999)}",
        "sha": lambda: r.randbytes(20).hex()[: r.choice([7, 40])],
        "sha256": lambda: r.randbytes(32).hex(),
        "isbn": lambda: (
            f"978-{r.randint(0, 9)}-{r.randint(100, 999)}-{r.randint(10000, 99999)}"
            f"-{r.randint(0, 9)}"
        ),
        "page": lambda: str(r.randint(1, 999)),
        "temp": lambda: f"{r.uniform(-20, 40):.1f}",
        "station": lambda: f"ST{r.randint(100, 999)}",
        "clock": lambda: f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}",
        "luhn_like": lambda: str(r.randint(10**15, 10**16 - 1)),
        "sku": lambda: f"SKU-{r.randint(100000, 999999)}",
        "port": lambda: str(r.randint(1024, 65535)),
        "coord": lambda: f"{r.uniform(-90, 90):.5f}, {r.uniform(-180, 180):.5f}",
        "epoch": lambda: str(
            r.randint(1_600_000_000, 1_800_000_000) * (1000 if r.random() < 0.5 else 1)
        ),
        "txn": lambda: f"TX{r.randint(10**11, 10**12 - 1)}",
    }
    if name in Synth.NATIONAL_KINDS:
        return s.national_id(name)
    return fills[name]()


_ENTITY = {
    "PERSON": "person",
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "STREET_ADDRESS": "address",
    "DATE_OF_BIRTH": "dob",
    "CREDIT_CARD": "card",
    "IBAN_CODE": "iban",
    "US_SSN": "ssn",
    "IP_ADDRESS": "ip",
    "MAC_ADDRESS": "mac",
    "URL": "url",
    "PASSPORT": "passport",
    "CRYPTO": "crypto",
    "API_KEY": "api_key",
}


def render(s: Synth, template: str) -> tuple[str, list[dict[str, object]]]:
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in _SLOT.finditer(template):
        lit = template[pos : m.start()]
        out.append(lit)
        length += len(lit)
        name = m.group(1)
        if name in _ENTITY:
            value = getattr(s, _ENTITY[name])()
            spans.append({"start": length, "end": length + len(value), "label": name})
        elif name in Synth.NATIONAL_KINDS:
            value = s.national_id(name)
            spans.append({"start": length, "end": length + len(value), "label": "NATIONAL_ID"})
        else:
            value = _filler(s, name)
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


def text_corpus(s: Synth, n: int, templates: list[str] | None = None) -> list[dict[str, object]]:
    records = []
    for i in range(n):
        if templates is not None:
            t = s.r.choice(templates)
        else:
            t = s.r.choice(NEGATIVES) if s.r.random() < 0.3 else s.r.choice(TEMPLATES)
        text, spans = render(s, t)
        records.append({"id": i, "text": text, "spans": spans})
    return records


# -- tables -------------------------------------------------------------------------------
def _tables(s: Synth, rows: int) -> dict[str, tuple[list[tuple[str, str, object]], int]]:
    """file -> ([(column name, label, value maker)], rows)."""
    r = s.r
    f = s.faker("en_US")
    neg = lambda name: lambda: _filler(s, name)  # noqa: E731
    return {
        "customers.csv": (
            [
                ("customer_id", "NONE", lambda: str(r.randint(10**6, 10**7))),
                ("full_name", "PERSON", s.person),
                ("email", "EMAIL_ADDRESS", s.email),
                ("phone", "PHONE_NUMBER", s.phone),
                ("address", "STREET_ADDRESS", s.address),
                (
                    "birth_date",
                    "DATE_OF_BIRTH",
                    lambda: s.faker().date_of_birth(minimum_age=18).isoformat(),
                ),
                ("signup", "NONE", neg("timestamp")),
                ("plan", "NONE", lambda: r.choice(["free", "pro", "team"])),
                (
                    "phone_model",
                    "NONE",
                    lambda: r.choice(["iPhone 13", "Pixel 8", "Galaxy S23", "Fairphone 5"]),
                ),
                ("email_opt_in", "NONE", lambda: r.choice(["true", "false"])),
            ],
            rows,
        ),
        "payments.csv": (
            [
                ("txn_id", "NONE", neg("txn")),
                ("card_number", "CREDIT_CARD", s.card),
                ("iban", "IBAN_CODE", s.iban),
                ("amount", "NONE", lambda: f"{r.uniform(1, 5000):.2f}"),
                ("card_type", "NONE", lambda: r.choice(["visa", "mastercard", "amex"])),
                ("order_number", "NONE", neg("luhn_like")),
                ("ref_code", "EMAIL_ADDRESS", s.email),
                ("created", "NONE", neg("timestamp")),
            ],
            rows,
        ),
        "hr.csv": (
            [
                ("employee", "PERSON", s.person),
                ("ssn", "US_SSN", s.ssn),
                ("col_7", "US_SSN", s.ssn),
                ("national_id", "NATIONAL_ID", s.national_id),
                ("passport_no", "PASSPORT", s.passport),
                ("ssn_verified", "NONE", lambda: r.choice(["yes", "no"])),
                ("department", "NONE", lambda: r.choice(["Sales", "Research", "Finance", "Legal"])),
                ("salary", "NONE", lambda: str(r.randint(30000, 200000))),
                ("start_date", "NONE", neg("event_date")),
            ],
            rows,
        ),
        "events.csv": (
            [
                ("event_id", "NONE", neg("uuid")),
                ("client_ip", "IP_ADDRESS", s.ip),
                ("device", "MAC_ADDRESS", s.mac),
                ("notes_id", "PHONE_NUMBER", s.phone),
                ("page", "URL", s.url),
                ("wallet", "CRYPTO", s.crypto),
                ("phone", "NONE", neg("order")),
                ("name", "NONE", lambda: r.choice(["checkout", "page_view", "login", "search"])),
                ("build", "NONE", neg("version")),
                ("latency_ms", "NONE", neg("ms")),
                ("token", "API_KEY", s.api_key),
                (
                    "comment",
                    "MIXED",
                    lambda: (
                        render(s, r.choice(TEMPLATES))[0].replace("\n", " ")
                        if r.random() < 0.3
                        else f.sentence()
                    ),
                ),
            ],
            rows,
        ),
    }


def write_tables(s: Synth, out: Path, rows: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    labels: dict[str, dict[str, str]] = {}
    for name, (cols, n) in _tables(s, rows).items():
        labels[name] = {c: label for c, label, _ in cols}
        with (out / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([c for c, _, _ in cols])
            for _ in range(n):
                w.writerow([make() for _, _, make in cols])  # type: ignore[operator]
    (out / "labels.json").write_text(json.dumps(labels, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--records", type=int, default=4000)
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    s = Synth(a.seed)
    a.out.mkdir(parents=True, exist_ok=True)
    with (a.out / "text.jsonl").open("w", encoding="utf-8") as fh:
        for rec in text_corpus(s, a.records):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with (a.out / "heldout.jsonl").open("w", encoding="utf-8") as fh:
        for rec in text_corpus(Synth(a.seed + 1000), a.records // 4, HELDOUT):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    write_tables(s, a.out / "tables", a.rows)


if __name__ == "__main__":
    main()
