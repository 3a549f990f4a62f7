"""Anonymization policies: a TOML file that says, per entity type and per column, what to do.

::

    version = 1
    key = "default"              # the project key for hashing, pseudonyms and the vault
    vault = "customers"          # the token vault used by "tokenize"
    threshold = 0.5              # the lowest detection score acted on

    [entities]                   # for personal data found in any cell or line
    PERSON = { action = "pseudonym" }
    EMAIL_ADDRESS = { action = "pseudonym" }
    PHONE_NUMBER = { action = "mask", keep = 2 }
    US_SSN = { action = "tokenize" }
    DATE_OF_BIRTH = { action = "generalize", to = "year" }
    default = { action = "tag" } # every other type: <IBAN_CODE>

    [columns.zip]                # for a whole column, whatever its cells hold
    action = "generalize"
    keep = 3                     # "10115" -> "101**"
    [columns.age]
    action = "generalize"
    band = 10                    # 37 -> "30-39"
    [columns.notes_internal]
    action = "drop"
    [columns.product]
    action = "keep"              # not even scanned

    [kanon]                      # measured on the output
    quasi_identifiers = ["zip", "age", "gender"]
    sensitive = ["diagnosis"]
    k = 5
    l = 2

Personal data of a type the policy does not name, with no ``default`` either, gets the
built-in rule for its type (:data:`BUILT_IN_ENTITIES`): a policy never leaves a detected value
as it was, except in ``keep`` columns.

Actions: ``redact`` (remove), ``mask`` (``keep`` last characters, ``char``), ``tag``
(``<TYPE>``), ``hash`` (HMAC-SHA256 under the key, ``length`` hex digits), ``tokenize``
(reversible through the vault), ``pseudonym`` (consistent realistic stand-in), ``generalize``
(dates ``to`` year or month; numbers into ``band``s; text truncated to ``keep`` characters),
``drop`` (the column disappears; for an entity, like redact) and ``keep`` (columns only).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from secplan._toml import read_toml, validate

Action = Literal[
    "redact", "mask", "tag", "hash", "tokenize", "pseudonym", "generalize", "drop", "keep"
]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    action: Action
    keep: int | None = Field(default=None, ge=0, le=64)
    char: str = Field(default="*", min_length=1, max_length=1)
    length: int = Field(default=16, ge=8, le=64)
    to: Literal["year", "month", "decade"] | None = None
    band: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _fits(self) -> Rule:
        if (
            self.action == "generalize"
            and self.to is None
            and self.band is None
            and self.keep is None
        ):
            raise ValueError("generalize needs `to` (dates), `band` (numbers) or `keep` (text)")
        return self


class KAnon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    quasi_identifiers: list[str] = Field(min_length=1)
    sensitive: list[str] = Field(default_factory=list)
    k: int = Field(default=5, ge=2)
    l: int = Field(default=2, ge=1)  # noqa: E741 (the measure is called l-diversity)


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    key: str = "default"
    vault: str = "default"
    threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    entities: dict[str, Rule] = Field(default_factory=dict)
    columns: dict[str, Rule] = Field(default_factory=dict)
    kanon: KAnon | None = None

    @model_validator(mode="after")
    def _entity_rules(self) -> Policy:
        for name, rule in self.entities.items():
            if rule.action == "keep":
                raise ValueError(f"entities.{name}: keep applies to columns only")
        return self

    def for_entity(self, entity: str) -> Rule:
        """The rule for personal data of type ``entity``: the policy's own, else its
        ``default``, else the built-in rule for the type. Every type found is treated."""
        return (
            self.entities.get(entity)
            or self.entities.get("default")
            or BUILT_IN_ENTITIES.get(entity)
            or BUILT_IN_ENTITIES["default"]
        )

    @property
    def uses_vault(self) -> bool:
        return any(
            r.action == "tokenize" for r in (*self.entities.values(), *self.columns.values())
        )


#: What personal data gets when the policy names neither its type nor a ``default``.
BUILT_IN_ENTITIES: dict[str, Rule] = {
    "PERSON": Rule(action="pseudonym"),
    "EMAIL_ADDRESS": Rule(action="pseudonym"),
    "PHONE_NUMBER": Rule(action="mask", keep=2),
    "CREDIT_CARD": Rule(action="mask", keep=4),
    "DATE_OF_BIRTH": Rule(action="generalize", to="year"),
    "IP_ADDRESS": Rule(action="pseudonym"),
    "default": Rule(action="tag"),
}
DEFAULT_POLICY = Policy(entities=dict(BUILT_IN_ENTITIES))


def load_policy(path: Path) -> Policy:
    """The policy in ``path``; :class:`~secplan.errors.ConfigError` names the bad field."""
    return validate(Policy, read_toml(path, path.name), path.name)
