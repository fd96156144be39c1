"""Inzage: everything kansrijk holds about one family, as readable JSON and as a PDF.

A client may ask to see their data (AVG article 15). The case director downloads this
export and hands it over. It covers every table that holds the family's data, the access
report ("who looked at my file") included. Each section is one query, with the rows it
points at joined (`select_related`), so the export reads the same number of queries
whatever the size of the file. Field names are the models' Dutch verbose names; values are
shown as a person reads them (choices by their label, people and organisations by name).
"""

import json
import unicodedata
from dataclasses import dataclass

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

# Fields never shown: keys, tenant columns, row versions and technical hashes.
HIDDEN = {"id", "coalition", "family", "version", "session_hash", "user_agent", "pc4"}


@dataclass(frozen=True)
class Section:
    title: object
    label: str  # "app.Model"
    path: str = "family"  # how a row reaches the family
    fields: tuple[str, ...] = ()  # only these (in this order); empty: every shown field
    order_by: tuple[str, ...] = ("pk",)


SECTIONS = (
    Section(_("Gezin"), "families.Family", path="pk"),
    Section(_("Personen"), "families.Person"),
    Section(_("Zwangerschappen"), "families.Pregnancy"),
    Section(_("Zorgteam"), "families.CareTeamMember"),
    Section(_("Toestemmingen"), "families.Consent"),
    Section(_("Casusregisseur"), "care.CaseDirector"),
    Section(_("Signaleringen"), "signaling.Assessment"),
    Section(_("Routebesluiten"), "signaling.RouteDecision"),
    Section(_("Gezinsplan"), "care.CarePlan"),
    Section(_("Zorgen en problemen"), "care.Concern"),
    Section(_("Doelen"), "care.Goal"),
    Section(_("Positieve Gezondheid"), "care.HealthScore"),
    Section(_("Gesprekken over het plan"), "care.PlanDiscussion"),
    Section(_("Taken"), "care.Task"),
    Section(_("Veiligheidsplan"), "care.SafetyPlan"),
    Section(_("Overdrachten"), "care.Handover"),
    Section(_("Verwijzingen"), "socialmap.Referral"),
    Section(_("MDO-besprekingen op naam"), "mdo.AgendaItem"),
    Section(_("Financiering (kraamzorgberekeningen)"), "financing.KraamzorgCalculation"),
    Section(_("Vragen via Mijn gezin"), "portal.AccessQuestion"),
    Section(_("Tijdlijn"), "families.TimelineEvent"),
    Section(
        _("Wie heeft het dossier bekeken (toegangsverslag)"),
        "access.AccessEvent",
        fields=(
            "timestamp",
            "user_display",
            "organisation",
            "discipline",
            "on_behalf_of",
            "action",
            "detail",
            "ground",
            "ground_detail",
            "emergency",
        ),
        order_by=("timestamp", "pk"),
    ),
)


def _model(section: Section):
    app_label, name = section.label.split(".")
    if not apps.is_installed(f"kansrijk.{app_label}"):
        return None
    return apps.get_model(app_label, name)


def _shown_fields(model, section: Section) -> list[models.Field]:
    if section.fields:
        return [model._meta.get_field(name) for name in section.fields]
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in HIDDEN and not isinstance(field, models.GeneratedField)
    ]


def _value(obj, field: models.Field):
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    if field.choices:
        raw = getattr(obj, field.attname)
        return str(dict(field.flatchoices).get(raw, raw)) if raw not in (None, "") else raw
    return getattr(obj, field.attname)  # the BSN too: it is the client's own data


def _rows(model, section: Section, family) -> list[dict]:
    fields = _shown_fields(model, section)
    # The rows a value names, and what their names are made of (a membership is shown as
    # its professional and organisation): joined, so no query per row.
    relations = []
    for field in fields:
        if field.is_relation:
            relations.append(field.name)
            relations.extend(
                f"{field.name}__{inner.name}"
                for inner in field.related_model._meta.concrete_fields
                if inner.is_relation and inner.name != "coalition"
            )
    queryset = model._default_manager.filter(**{section.path: family.pk})
    queryset = queryset.order_by(*section.order_by)
    rows = []
    for obj in queryset.select_related(*relations):
        rows.append({str(field.verbose_name): _value(obj, field) for field in fields})
    return rows


def family_inzage(family) -> dict:
    """The whole file of `family` (already granted) as a plain, readable structure."""
    with translation.override("nl"):
        sections = []
        for section in SECTIONS:
            model = _model(section)
            if model is None:
                continue
            sections.append({"titel": str(section.title), "rijen": _rows(model, section, family)})
        return {
            "dossiernummer": family.reference,
            "aangemaakt": timezone.localtime().isoformat(timespec="seconds"),
            "toelichting": str(
                _(
                    "Alle gegevens die Kansrijke Start over dit gezin vastlegt, met wie het "
                    "dossier heeft bekeken. Vragen of iets klopt niet? Bespreek het met de "
                    "casusregisseur: gegevens kunnen worden verbeterd of, waar de wet het "
                    "toestaat, gewist."
                )
            ),
            "onderdelen": sections,
        }


def inzage_json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _latin1(value) -> str:
    """Text the PDF's core font can draw: latin-1 as is (ë, é stay), the rest spelled out."""
    text = "" if value is None else str(value)
    if isinstance(value, bool):
        text = "ja" if value else "nee"
    elif isinstance(value, dict | list):
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    text = (
        text.replace("€", "EUR").replace("\u2013", "-").replace("\u2014", "-").replace("…", "...")
    )
    text = text.replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
        else:
            plain = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode()
            out.append(plain or "?")
    return "".join(out)


def _line(pdf, height: int, text: str) -> None:
    """A paragraph over the full width; the next one starts on a new line at the margin."""
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def inzage_pdf(data: dict) -> bytes:
    """The same content as a readable PDF: a cover page, then a page per section."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(_latin1(f"Inzage dossier {data['dossiernummer']}"))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    _line(pdf, 10, _latin1(f"Inzage in het dossier {data['dossiernummer']}"))
    pdf.set_font("Helvetica", "", 11)
    _line(pdf, 6, _latin1(f"Gemaakt op {data['aangemaakt']}"))
    pdf.ln(4)
    _line(pdf, 6, _latin1(data["toelichting"]))
    for section in data["onderdelen"]:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        _line(pdf, 8, _latin1(section["titel"]))
        pdf.ln(2)
        if not section["rijen"]:
            pdf.set_font("Helvetica", "I", 11)
            _line(pdf, 6, _latin1("Niets vastgelegd."))
            continue
        for number, row in enumerate(section["rijen"], start=1):
            pdf.set_font("Helvetica", "B", 11)
            _line(pdf, 6, _latin1(f"{section['titel']} {number}"))
            for key, value in row.items():
                if value in (None, "", [], {}):
                    continue
                pdf.set_font("Helvetica", "B", 10)
                _line(pdf, 5, _latin1(f"{key}:"))
                pdf.set_font("Helvetica", "", 10)
                _line(pdf, 5, _latin1(value))
            pdf.ln(3)
    return bytes(pdf.output())
