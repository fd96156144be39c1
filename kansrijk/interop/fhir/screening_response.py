"""A QuestionnaireResponse in, an assessment's answers out, and the other way round.

Reading a response happens in three steps, so that the API can answer each kind of problem
with its own status and check access before it looks at the answers:

1. `parse_structure`: is it a FHIR R4 QuestionnaireResponse at all (fhir.resources R4B)?
2. `family_pk_of`: which family is it about (`subject`)?
3. `read_answers`: the questionnaire, the status, the date and every answer, mapped to the
   instrument's item keys and checked with the instrument's own checks
   (`instruments.validate_answers`), the same checks and Dutch messages as the pages.

Every problem is an `Issue`; the API turns a list of them into an OperationOutcome. The
subject is the family as `{"reference": "urn:kansrijk:family:<id>"}`, or by the identifier the
family-file export gives it: `{"identifier": {"system": "urn:ietf:rfc:3986", "value":
"urn:kansrijk:family:<id>"}}`.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pydantic
from django.utils import timezone
from django.utils.translation import gettext as _
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from kansrijk.signaling import instruments as registry
from kansrijk.signaling.instruments.model import Instrument, Item

from .identifiers import URI_SYSTEM
from .screening import (
    ANSWER_FIELDS,
    FAMILY_PREFIX,
    PARTNER_PRESENT,
    QUESTIONNAIRE_PREFIX,
    item_path,
    item_paths,
    option_system,
)

RESOURCE = "QuestionnaireResponse"


@dataclass(frozen=True)
class Issue:
    """One problem, as an OperationOutcome issue: a FHIR issue-type code, a Dutch message,
    and where (a FHIRPath expression; empty for the resource as a whole)."""

    code: str
    diagnostics: str
    expression: str = ""


@dataclass
class Answers:
    """What `read_answers` found: enough to call `services.assessment_record`."""

    instrument: Instrument
    answers: dict[str, Any]
    partner_present: bool
    assessed_on: date | None
    paths: dict[str, str] = field(default_factory=dict)
    """Item key → where it sat in the response, for messages about it."""


class InvalidResource(Exception):
    """The resource breaks the rules; `issues` says how."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__(f"{len(issues)} issue(s)")


# --- 1. Structure ---------------------------------------------------------------------------


def parse_structure(data: object) -> dict[str, Any]:
    """The resource if it is a structurally valid R4 QuestionnaireResponse; else raises."""
    if not isinstance(data, dict):
        raise InvalidResource([Issue("structure", _("Stuur één FHIR-resource als JSON-object."))])
    if data.get("resourceType") != RESOURCE:
        raise InvalidResource(
            [
                Issue(
                    "structure",
                    _("Stuur een QuestionnaireResponse (resourceType)."),
                    f"{RESOURCE}.resourceType",
                )
            ]
        )
    issues = []
    try:
        QuestionnaireResponse.model_validate(data)
    except pydantic.ValidationError as error:
        issues = [_structure_issue(problem) for problem in error.errors()]
    # fhir.resources does not check every cardinality: status and each linkId are 1..1.
    missing = [] if data.get("status") else [f"{RESOURCE}.status"]
    missing += _items_without_link_id(data.get("item") or [], RESOURCE)
    reported = {issue.expression for issue in issues}
    issues += [Issue("required", _("Dit veld ontbreekt."), m) for m in missing if m not in reported]
    if issues:
        raise InvalidResource(sorted(issues, key=lambda issue: issue.expression))
    return data


def _items_without_link_id(items: list[dict], parent: str) -> list[str]:
    missing = []
    for index, item in enumerate(items):
        path = f"{parent}.item[{index}]"
        if not item.get("linkId"):
            missing.append(f"{path}.linkId")
        missing += _items_without_link_id(item.get("item") or [], path)
        for number, answer in enumerate(item.get("answer") or []):
            missing += _items_without_link_id(answer.get("item") or [], f"{path}.answer[{number}]")
    return missing


def _structure_issue(problem: dict) -> Issue:
    location = problem.get("loc") or ()
    expression = RESOURCE + "".join(
        f"[{part}]" if isinstance(part, int) else f".{part}" for part in location
    )
    if problem.get("type", "").endswith("missing"):
        return Issue("required", _("Dit veld ontbreekt."), expression)
    if problem.get("type") == "extra_forbidden":
        return Issue(
            "structure", _("Dit veld bestaat niet in een QuestionnaireResponse."), expression
        )
    return Issue(
        "structure",
        _("Dit veld heeft niet de juiste vorm (%(kind)s).") % {"kind": problem.get("type", "")},
        expression,
    )


# --- 2. Subject -----------------------------------------------------------------------------


def family_pk_of(data: dict[str, Any]) -> int:
    """The family the response is about, from `subject`; raises InvalidResource otherwise."""
    subject = data.get("subject")
    where = f"{RESOURCE}.subject"
    if not subject:
        raise InvalidResource(
            [
                Issue(
                    "required",
                    _('Geef het gezin op als subject: {"reference": "%(example)s"}.')
                    % {"example": f"{FAMILY_PREFIX}<id>"},
                    where,
                )
            ]
        )
    identifier = subject.get("identifier") or {}
    name = subject.get("reference")
    if not name and identifier.get("system") == URI_SYSTEM:
        name = identifier.get("value")
    value = name.removeprefix(FAMILY_PREFIX) if name and name.startswith(FAMILY_PREFIX) else ""
    if not (value.isascii() and value.isdigit()):
        raise InvalidResource(
            [
                Issue(
                    "value",
                    _("Verwijs naar een gezin als %(example)s.")
                    % {"example": f"{FAMILY_PREFIX}<id>"},
                    where,
                )
            ]
        )
    return int(value)


# --- 3. Answers -----------------------------------------------------------------------------


def read_answers(data: dict[str, Any]) -> Answers:
    """The instrument and the answers, checked as the pages check them; raises with every
    problem found at once."""
    instrument = _instrument_of(data)
    issues: list[Issue] = []
    if data.get("status") != "completed":
        issues.append(
            Issue(
                "value",
                _("Alleen een afgeronde vragenlijst (status completed) kan worden vastgelegd."),
                f"{RESOURCE}.status",
            )
        )
    found = _Walk(instrument)
    found.items(data.get("item") or [], ())
    issues.extend(found.issues)
    errors = registry.validate_answers(
        instrument,
        {key: value for key, value in found.answers.items() if key not in found.refused},
        complete=True,
        partner_present=found.partner_present,
    )
    paths = {**item_paths(instrument), **found.paths}
    for key, message in errors.items():
        if key in found.refused:  # already reported, with what was wrong with it
            continue
        code = "value" if key in found.answers else "required"
        issues.append(Issue(code, message, paths.get(key, "")))
    if issues:
        raise InvalidResource(issues)
    return Answers(
        instrument=instrument,
        answers=found.answers,
        partner_present=found.partner_present,
        assessed_on=_assessed_on(data.get("authored")),
        paths=paths,
    )


def _instrument_of(data: dict[str, Any]) -> Instrument:
    canonical = data.get("questionnaire") or ""
    where = f"{RESOURCE}.questionnaire"
    if not canonical:
        raise InvalidResource(
            [Issue("required", _("Geef de vragenlijst op (questionnaire)."), where)]
        )
    url, _bar, version = canonical.partition("|")
    key = url.removeprefix(QUESTIONNAIRE_PREFIX) if url.startswith(QUESTIONNAIRE_PREFIX) else ""
    try:
        if not key or (version and not (version.isascii() and version.isdigit())):
            raise LookupError(canonical)
        return registry.get_instrument(key, int(version) if version else None)
    except LookupError:
        raise InvalidResource(
            [Issue("value", _("Deze vragenlijst (of versie) bestaat niet."), where)]
        ) from None


def _assessed_on(authored: str | None) -> date | None:
    """The day the answers were given, in Dutch time; FHIR allows a date or a dateTime."""
    if not authored:
        return None
    if "T" not in authored:
        return date.fromisoformat(authored[:10]) if len(authored) >= 10 else None
    moment = datetime.fromisoformat(authored.replace("Z", "+00:00"))
    if timezone.is_naive(moment):
        return moment.date()
    return timezone.localdate(moment)


class _Walk:
    """Collects the answers from a response's item tree, by linkId, wherever they sit
    (grouped by domain as the Questionnaire has it, or flat)."""

    def __init__(self, instrument: Instrument):
        self.instrument = instrument
        self.domains = {domain.key for domain in instrument.domains}
        self.known = {item.key: item for item in instrument.items}
        self.answers: dict[str, Any] = {}
        self.partner_present = False
        self.paths: dict[str, str] = {}
        self.refused: set[str] = set()
        self.issues: list[Issue] = []

    def items(self, items: list[dict], parents: tuple[str, ...]) -> None:
        for entry in items:
            link_id = entry.get("linkId", "")
            path = item_path(*parents, link_id)
            if link_id in self.paths:
                self.issues.append(
                    Issue("value", _("Deze vraag staat meer dan één keer in het antwoord."), path)
                )
                continue
            self.paths[link_id] = path
            if link_id == PARTNER_PRESENT:
                self.partner_present = self._partner_present(entry, path)
            elif link_id in self.known:
                self._answer(self.known[link_id], entry, path)
            elif link_id in self.domains and not entry.get("answer"):
                self.items(entry.get("item") or [], (*parents, link_id))
            else:
                self.issues.append(
                    Issue("value", _("Deze vraag hoort niet bij deze vragenlijst."), path)
                )

    def _single(self, entry: dict, path: str) -> dict | None:
        answers = entry.get("answer") or []
        if len(answers) > 1:
            self.issues.append(Issue("value", _("Geef één antwoord op deze vraag."), path))
            return None
        return answers[0] if answers else None

    def _partner_present(self, entry: dict, path: str) -> bool:
        answer = self._single(entry, path)
        if answer is None:
            return False
        if not isinstance(answer.get("valueBoolean"), bool):
            self.issues.append(_wrong_type(path, "valueBoolean"))
            return False
        return bool(answer["valueBoolean"])

    def _answer(self, item: Item, entry: dict, path: str) -> None:
        answer = self._single(entry, path)
        if answer is None:
            if entry.get("answer"):
                self.refused.add(item.key)
            return
        expected = ANSWER_FIELDS[item.type]
        if expected not in answer:
            self.issues.append(_wrong_type(path, expected))
            self.refused.add(item.key)
            return
        value = answer[expected]
        if item.type == "yes_no":
            if not isinstance(value, bool):  # pydantic's lax mode lets "true" through
                self.issues.append(_wrong_type(path, expected))
                self.refused.add(item.key)
                return
            value = "yes" if value else "no"
        elif item.type == "choice":
            system = value.get("system")
            if system and system != option_system(self.instrument, item):
                self.issues.append(
                    Issue("code-invalid", _("Deze code hoort niet bij deze vraag."), path)
                )
                self.refused.add(item.key)
                return
            value = value.get("code", "")
        self.answers[item.key] = value


def _wrong_type(path: str, expected: str) -> Issue:
    return Issue(
        "value", _("Geef het antwoord op deze vraag als %(type)s.") % {"type": expected}, path
    )


# --- Service errors -------------------------------------------------------------------------

SERVICE_FIELDS = {
    "instrument": f"{RESOURCE}.questionnaire",
    "assessed_on": f"{RESOURCE}.authored",
}


def service_issues(message_dict: dict[str, list[str]], paths: dict[str, str]) -> list[Issue]:
    """A service's `ValidationError.message_dict` as issues: item keys point at the item."""
    issues = []
    for key, messages in message_dict.items():
        if key in paths:
            code, where = "value", paths[key]
        else:
            code, where = "business-rule", SERVICE_FIELDS.get(key, "")
        issues.extend(Issue(code, str(message), where) for message in messages)
    return issues


def operation_outcome(issues: list[Issue]) -> dict[str, Any]:
    """An OperationOutcome with one error per issue."""
    rows = []
    for issue in issues:
        row: dict[str, Any] = {
            "severity": "error",
            "code": issue.code,
            "diagnostics": issue.diagnostics,
        }
        if issue.expression:
            row["expression"] = [issue.expression]
        rows.append(row)
    return {"resourceType": "OperationOutcome", "issue": rows}
