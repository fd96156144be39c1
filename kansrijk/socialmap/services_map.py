"""Writes of the social map's maintenance: providers, services, "checked", delegated editors.

Every write checks the rights (`selectors_map`, raising `PermissionDenied`), runs in one
transaction, writes the administrative audit trail and, for providers and services, HSDS
`metadata` rows: one per changed field with its previous and new value, so the map's own
change history travels with an HSDS export. A service edit carries the version the editor
loaded; when someone else saved in between, `ServiceVersionConflict` carries both versions.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf.locale import LANG_INFO
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kansrijk.core.audit import audit_record
from kansrijk.families.services import VersionConflict
from kansrijk.organisations.models import Coalition, Organisation, Professional

from .models import Language, MapEditor, Metadata, MunicipalityAccess, Organization, Phone, Service
from .selectors_map import delegable_professionals, map_rights, may_manage_map
from .terms import empty_terms, service_terms, set_service_terms
from .vocabulary import AccessRoute

ORGANIZATION_FIELDS = ("name", "alternate_name", "description", "email", "website")
SERVICE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "eligibility_description",
    "application_process",
    "fees_description",
    "wait_time",
    "url",
    "email",
    "minimum_age",
    "maximum_age",
)
TERM_FIELDS = tuple(empty_terms())

# Languages offered as checkboxes (ISO 639-1), the languages families in Dutch coalitions
# most often speak besides Dutch; other codes can be typed.
COMMON_LANGUAGES = {
    "nl": _lazy("Nederlands"),
    "en": _lazy("Engels"),
    "ar": _lazy("Arabisch"),
    "tr": _lazy("Turks"),
    "pl": _lazy("Pools"),
    "ti": _lazy("Tigrinya"),
    "uk": _lazy("Oekraïens"),
    "so": _lazy("Somalisch"),
    "fr": _lazy("Frans"),
    "de": _lazy("Duits"),
    "es": _lazy("Spaans"),
    "fa": _lazy("Perzisch (Farsi)"),
    "ru": _lazy("Russisch"),
    "bg": _lazy("Bulgaars"),
    "ro": _lazy("Roemeens"),
}


def known_language(code: str) -> bool:
    return code in COMMON_LANGUAGES or code in LANG_INFO


def language_name(code: str) -> str:
    """The language's Dutch name (for the HSDS `language.name`)."""
    if code in COMMON_LANGUAGES:
        return str(COMMON_LANGUAGES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


ORGANIZATION = "organization"
SERVICE = "service"


class ServiceVersionConflict(VersionConflict):
    """Someone else saved the service since the editor loaded it (both versions inside)."""

    def __str__(self) -> str:
        return (
            f"Het aanbod is intussen gewijzigd: je bewerkte versie {self.expected_version}, "
            f"de huidige versie is {self.current_version}."
        )


@dataclass(frozen=True)
class AccessInput:
    """How a family of one municipality gets in; an empty route means "not known" (no row)."""

    route: str = ""
    conditions: str = ""
    waiting_weeks: int | None = None


@dataclass
class ServiceInput:
    """Everything the service form edits."""

    fields: dict[str, Any]
    languages: list[str] = field(default_factory=list)
    phone: str = ""
    terms: dict[str, list[str]] = field(default_factory=dict)
    # municipality pk -> access; municipalities left out keep what they have.
    access: dict[int, AccessInput] = field(default_factory=dict)


# --- Snapshots and HSDS metadata --------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    return str(value)


def organization_snapshot(organization: Organization) -> dict[str, str]:
    values = {name: _text(getattr(organization, name)) for name in ORGANIZATION_FIELDS}
    values["organisation"] = _text(organization.organisation_id)
    return values


def access_key(municipality) -> str:
    return f"access.{municipality.cbs_code}"


def _access_text(route: str, conditions: str, weeks) -> str:
    if not route:
        return ""
    return " | ".join([route, conditions or "", "" if weeks is None else str(weeks)])


def service_snapshot(service: Service) -> dict[str, str]:
    """The service's editable data as text, field by field (for metadata and conflicts)."""
    values = {name: _text(getattr(service, name)) for name in SERVICE_FIELDS}
    values["languages"] = ", ".join(
        sorted(code for code in service.languages.values_list("code", flat=True) if code)
    )
    values["phone"] = _text(service.phones.values_list("number", flat=True).first())
    terms = service_terms([service.pk])[service.pk]
    for name in TERM_FIELDS:
        values[name] = ", ".join(sorted(terms[name]))
    for access in MunicipalityAccess.objects.filter(service=service).select_related("municipality"):
        values[access_key(access.municipality)] = _access_text(
            access.route, access.conditions, access.waiting_weeks
        )
    return values


def input_snapshot(data: ServiceInput, municipalities: Mapping[int, Any]) -> dict[str, str]:
    """What the editor sent, in the shape of `service_snapshot`."""
    values = {name: _text(data.fields.get(name)) for name in SERVICE_FIELDS}
    values["languages"] = ", ".join(sorted(dict.fromkeys(data.languages)))
    values["phone"] = data.phone
    for name in TERM_FIELDS:
        values[name] = ", ".join(sorted(dict.fromkeys(data.terms.get(name, []))))
    for pk, access in data.access.items():
        if pk in municipalities:
            values[access_key(municipalities[pk])] = _access_text(
                access.route, access.conditions, access.waiting_weeks
            )
    return values


def _changes(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, list[str]]:
    return {
        name: [before.get(name, ""), after.get(name, "")]
        for name in sorted(set(before) | set(after))
        if before.get(name, "") != after.get(name, "")
    }


def _write_metadata(
    *, resource_id, resource_type: str, action: str, changes: dict, actor: Professional
) -> None:
    now = timezone.now()
    Metadata.objects.bulk_create(
        Metadata(
            resource_id=resource_id,
            resource_type=resource_type,
            last_action_date=now,
            last_action_type=action,
            field_name=name,
            previous_value=previous,
            replacement_value=replacement,
            updated_by=actor.get_username(),
        )
        for name, (previous, replacement) in changes.items()
    )


def _record_change(
    *, actor, obj, resource_type: str, action: str, changes: dict, summary: str, request
) -> None:
    """A change of a provider or service: its HSDS metadata rows and the audit trail."""
    _write_metadata(
        resource_id=obj.pk,
        resource_type=resource_type,
        action=action,
        changes=changes,
        actor=actor,
    )
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        coalition=obj.coalition,
        summary=summary,
        changes=changes,
        request=request,
    )


# --- Providers ------------------------------------------------------------------------------


def _check_organisation(coalition: Coalition, organisation: Organisation | None) -> None:
    if organisation is not None and not organisation.coalitions.filter(pk=coalition.pk).exists():
        raise ValidationError(
            {"organisation": _("Kies een ketenpartner van deze coalitie.")}, code="coalition"
        )


def organization_create(
    *,
    actor: Professional,
    coalition: Coalition,
    data: Mapping[str, Any],
    organisation: Organisation | None = None,
    request=None,
) -> Organization:
    """A new provider on the coalition's map (coordinators only)."""
    if not may_manage_map(actor, coalition):
        raise PermissionDenied
    _check_organisation(coalition, organisation)
    with transaction.atomic():
        organization = Organization.objects.create(
            coalition=coalition,
            organisation=organisation,
            **{name: data.get(name) or "" for name in ORGANIZATION_FIELDS},
        )
        changes = _changes({}, organization_snapshot(organization))
        _record_change(
            actor=actor,
            obj=organization,
            resource_type=ORGANIZATION,
            action="create",
            changes=changes,
            summary=_("Aanbieder %(name)s toegevoegd aan de sociale kaart")
            % {"name": organization.name},
            request=request,
        )
    return organization


_UNCHANGED = object()


def organization_update(
    *,
    actor: Professional,
    organization_pk,
    data: Mapping[str, Any],
    organisation=_UNCHANGED,
    request=None,
) -> Organization:
    """Change a provider's details. Its chain partner (`organisation`) only a coordinator
    changes: it decides whose professionals receive the referrals."""
    with transaction.atomic():
        organization = (
            Organization.objects.select_for_update()
            .select_related("coalition")
            .get(pk=organization_pk)
        )
        rights = map_rights(actor, organization.coalition)
        if not rights.may_edit_organization(organization):
            raise PermissionDenied
        before = organization_snapshot(organization)
        if organisation is not _UNCHANGED:
            if not rights.coordinator:
                raise PermissionDenied
            _check_organisation(organization.coalition, organisation)
            organization.organisation = organisation
        for name in ORGANIZATION_FIELDS:
            if name in data:
                setattr(organization, name, data[name] or "")
        changes = _changes(before, organization_snapshot(organization))
        if not changes:
            return organization
        organization.save()
        _record_change(
            actor=actor,
            obj=organization,
            resource_type=ORGANIZATION,
            action="update",
            changes=changes,
            summary=_("Aanbieder %(name)s gewijzigd") % {"name": organization.name},
            request=request,
        )
    return organization


# --- Services -------------------------------------------------------------------------------


def _coalition_municipalities(coalition: Coalition) -> dict[int, Any]:
    return {m.pk: m for m in coalition.municipalities.all()}


def _validate_input(data: ServiceInput, municipalities: Mapping[int, Any]) -> None:
    errors = {}
    unknown = set(data.access) - set(municipalities)
    if unknown:
        errors["__all__"] = _("Toegang kan alleen voor gemeenten van deze coalitie.")
    for access in data.access.values():
        if access.route and access.route not in AccessRoute.values:
            errors["__all__"] = _("Kies een toegang uit de lijst.")
    low, high = data.fields.get("minimum_age"), data.fields.get("maximum_age")
    if low is not None and high is not None and low > high:
        errors["maximum_age"] = _("De maximumleeftijd kan niet lager zijn dan de minimumleeftijd.")
    if not (data.fields.get("name") or "").strip():
        errors["name"] = _("Geef het aanbod een naam.")
    if errors:
        raise ValidationError(errors)


def _save_details(service: Service, data: ServiceInput, municipalities, names) -> None:
    """Languages, phone, terms and access; only what changed (`names`) is rewritten."""
    if "languages" in names:
        service.languages.all().delete()
        Language.objects.bulk_create(
            Language(service=service, code=code, name=language_name(code))
            for code in dict.fromkeys(data.languages)
        )
    if "phone" in names:
        phone = service.phones.order_by("pk").first()
        if not data.phone:
            service.phones.all().delete()
        elif phone is None:
            Phone.objects.create(service=service, number=data.phone)
        else:
            phone.number = data.phone
            phone.save(update_fields=["number"])
    changed_terms = {name: data.terms.get(name, []) for name in TERM_FIELDS if name in names}
    if changed_terms:
        set_service_terms(service, changed_terms)
    for pk, access in data.access.items():
        municipality = municipalities[pk]
        if access_key(municipality) not in names:
            continue
        if not access.route:
            MunicipalityAccess.objects.filter(service=service, municipality=municipality).delete()
        else:
            MunicipalityAccess.objects.update_or_create(
                service=service,
                municipality=municipality,
                defaults={
                    "route": access.route,
                    "conditions": access.conditions or "",
                    "waiting_weeks": access.waiting_weeks,
                },
            )


def service_create(
    *, actor: Professional, organization_pk, data: ServiceInput, request=None
) -> Service:
    """A new service of a provider (its coordinators and delegated editors)."""
    with transaction.atomic():
        organization = Organization.objects.select_related("coalition").get(pk=organization_pk)
        if not map_rights(actor, organization.coalition).may_edit_organization(organization):
            raise PermissionDenied
        municipalities = _coalition_municipalities(organization.coalition)
        _validate_input(data, municipalities)
        service = Service.objects.create(
            coalition=organization.coalition,
            organization=organization,
            **{name: data.fields.get(name) for name in SERVICE_FIELDS if name in data.fields},
        )
        submitted = input_snapshot(data, municipalities)
        changes = _changes({}, submitted)
        _save_details(service, data, municipalities, set(changes))
        _record_change(
            actor=actor,
            obj=service,
            resource_type=SERVICE,
            action="create",
            changes=changes,
            summary=_("Aanbod %(name)s van %(provider)s toegevoegd aan de sociale kaart")
            % {"name": service.name, "provider": organization.name},
            request=request,
        )
    return service


def service_update(
    *,
    actor: Professional,
    service_pk,
    expected_version: int,
    data: ServiceInput,
    request=None,
) -> Service:
    """Save the service if nobody else did since `expected_version`.

    Raises `ServiceVersionConflict` (with both versions as text) on a stale version,
    `ValidationError` on bad input. An edit that changes nothing writes nothing.
    """
    with transaction.atomic():
        # Locked: two editors saving at once are serialised and the second sees the new
        # version.
        service = (
            Service.objects.select_for_update()
            .select_related("organization", "coalition")
            .get(pk=service_pk)
        )
        if not map_rights(actor, service.coalition).may_edit_service(service):
            raise PermissionDenied
        municipalities = _coalition_municipalities(service.coalition)
        _validate_input(data, municipalities)
        before = service_snapshot(service)
        submitted = input_snapshot(data, municipalities)
        if service.version != expected_version:
            raise ServiceVersionConflict(
                expected_version=expected_version,
                current_version=service.version,
                current=before,
                submitted=submitted,
            )
        changes = _changes(before, {**before, **submitted})
        if not changes:
            return service
        for name in SERVICE_FIELDS:
            if name in data.fields:
                setattr(service, name, data.fields[name])
        service.version += 1
        service.save()
        _save_details(service, data, municipalities, set(changes))
        _record_change(
            actor=actor,
            obj=service,
            resource_type=SERVICE,
            action="update",
            changes=changes,
            summary=_("Aanbod %(name)s gewijzigd") % {"name": service.name},
            request=request,
        )
    return service


def service_mark_checked(*, actor: Professional, service_pk, request=None) -> Service:
    """Record that the editor checked the service today (HSDS `assured_date`, `assurer_email`).

    The version stays: a check changes none of what the edit form holds, so an editor with
    the form open can still save.
    """
    with transaction.atomic():
        service = (
            Service.objects.select_for_update()
            .select_related("organization", "coalition")
            .get(pk=service_pk)
        )
        if not map_rights(actor, service.coalition).may_edit_service(service):
            raise PermissionDenied
        before = {
            "assured_date": _text(service.assured_date),
            "assurer_email": service.assurer_email,
        }
        service.assured_date = timezone.localdate()
        service.assurer_email = actor.email or ""
        service.assured_by = actor
        service.save(update_fields=["assured_date", "assurer_email", "assured_by", "last_modified"])
        changes = _changes(
            before,
            {"assured_date": _text(service.assured_date), "assurer_email": service.assurer_email},
        )
        _record_change(
            actor=actor,
            obj=service,
            resource_type=SERVICE,
            action="update",
            changes=changes,
            summary=_("Aanbod %(name)s gecontroleerd") % {"name": service.name},
            request=request,
        )
    return service


# --- Delegated editors ----------------------------------------------------------------------


def map_editor_add(
    *, actor: Professional, organization_pk, professional: Professional, request=None
) -> MapEditor:
    """Let a professional of the coalition maintain one provider (coordinators only)."""
    with transaction.atomic():
        organization = Organization.objects.select_related("coalition").get(pk=organization_pk)
        if not may_manage_map(actor, organization.coalition):
            raise PermissionDenied
        if not delegable_professionals(organization.coalition).filter(pk=professional.pk).exists():
            raise ValidationError(
                {"professional": _("Kies een professional die in deze coalitie werkt.")}
            )
        if MapEditor.objects.filter(organization=organization, professional=professional).exists():
            raise ValidationError(
                {
                    "professional": _("%(name)s is al redacteur van %(provider)s.")
                    % {"name": professional, "provider": organization.name}
                }
            )
        editor = MapEditor.objects.create(
            organization=organization, professional=professional, granted_by=actor
        )
        audit_record(
            actor=actor,
            action="create",
            obj=editor,
            coalition=organization.coalition,
            summary=_("%(name)s mag het aanbod van %(provider)s bijhouden")
            % {"name": professional, "provider": organization.name},
            changes={"professional": ["", professional.get_username()]},
            request=request,
        )
    return editor


def map_editor_remove(*, actor: Professional, editor_pk: int, request=None) -> None:
    """End a delegation (coordinators only)."""
    with transaction.atomic():
        editor = (
            MapEditor.objects.select_for_update()
            .select_related("organization__coalition", "professional")
            .get(pk=editor_pk)
        )
        organization = editor.organization
        if not may_manage_map(actor, organization.coalition):
            raise PermissionDenied
        audit_record(
            actor=actor,
            action="delete",
            obj=editor,
            coalition=organization.coalition,
            summary=_("%(name)s houdt het aanbod van %(provider)s niet meer bij")
            % {"name": editor.professional, "provider": organization.name},
            changes={"professional": [editor.professional.get_username(), ""]},
            request=request,
        )
        editor.delete()
