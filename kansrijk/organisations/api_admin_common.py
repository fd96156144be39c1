"""What the management ("Beheer") APIs share: who may call them, which coalition a call is
for, and how a page form's messages become the API's 400.

Who may do what (the pages' rules, kansrijk/organisations/views.py): coordinators manage a
coalition's organisations, memberships and settings; administrators manage the accounts and
the organisations' sign-on providers (kansrijk/access/api_admin_oidc.py); both read the
coalition's audit trail. Roles count per coalition, in a current membership.

The API has no session's active coalition: a call is for the caller's one coalition where
they hold such a role, or the one named in `?coalition=` when there are several
(`api_scope.chosen_coalition`); another coalition is "not found" (404), and so is every
object of it. Everyone else gets 403, without a session or token 401.

Here, and not in kansrijk/families/api.py (whose `PermissionsByMethodMixin` this follows),
because `organisations` is the lowest app and imports no other.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings

from kansrijk.core import idempotency
from kansrijk.core.api_fields import NamedChoiceField

from .api_scope import chosen_coalition
from .models import Coalition, Discipline, Membership, Role

# The documentation's group of these endpoints. TODO(lead): "beheer" once it is declared in
# SPECTACULAR_SETTINGS["TAGS"]; until then the existing group of the coalition's organisations.
TAG = "beheer"

# --- Who may ----------------------------------------------------------------------------------


def coalitions_with_role(user, roles: tuple[str, ...]) -> set[int]:
    """The coalitions in which `user` holds one of `roles` in a current membership (one query)."""
    holds = Q()
    for role in roles:
        holds |= Q(**{Membership.ROLE_FIELDS[role]: True})
    return set(
        Membership.objects.current()
        .filter(professional=user)
        .filter(holds)
        .values_list("coalition_id", flat=True)
    )


class _HoldsRole(permissions.BasePermission):
    """Holds one of `roles` in a coalition now; keeps those coalitions on the view (`managed`)."""

    roles: tuple[str, ...] = ()

    def has_permission(self, request, view) -> bool:
        view.managed = coalitions_with_role(request.user, self.roles)
        return bool(view.managed)


class CoordinatesACoalition(_HoldsRole):
    roles = (Role.COORDINATOR,)
    message = gettext_lazy("Alleen coördinatoren van een coalitie beheren dit.")


class AdministersACoalition(_HoldsRole):
    roles = (Role.ADMINISTRATOR,)
    message = gettext_lazy("Alleen beheerders van een coalitie beheren dit.")


class ManagesACoalition(_HoldsRole):
    roles = (Role.COORDINATOR, Role.ADMINISTRATOR)
    message = gettext_lazy("Alleen coördinatoren en beheerders van een coalitie zien dit.")


COORDINATOR = (permissions.IsAuthenticated, CoordinatesACoalition)
ADMINISTRATOR = (permissions.IsAuthenticated, AdministersACoalition)
MANAGER = (permissions.IsAuthenticated, ManagesACoalition)


class _Refuse(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return False


class ManageViewMixin:
    """Declarative permissions (`permissions_by_method`: a method missing from the map is
    refused; a method the view does not have answers 405) and the coalition a call is for."""

    permissions_by_method: dict[str, tuple[type[permissions.BasePermission], ...]] = {}
    managed: set[int] = set()

    def get_permissions(self):
        method = self.request.method if self.request is not None else "GET"
        if method == "HEAD":
            method = "GET"
        if self.request is not None and not hasattr(self, method.lower()):
            return []
        classes = self.permissions_by_method.get(method, (_Refuse,))
        return [permission() for permission in classes]

    def coalition(self) -> Coalition:
        if getattr(self, "_coalition", None) is None:
            self._coalition = Coalition.objects.get(pk=chosen_coalition(self.request, self.managed))
        return self._coalition


def holds_role(user, coalition: Coalition, role: str) -> bool:
    return (
        Membership.objects.current()
        .filter(professional=user, coalition=coalition, **{Membership.ROLE_FIELDS[role]: True})
        .exists()
    )


# --- Input ------------------------------------------------------------------------------------


def form_errors(form, names: dict[str, str] | None = None) -> serializers.ValidationError:
    """A page form's Dutch messages per field as a 400; `names` renames a form field to the
    API's name for it."""
    names = names or {}
    return serializers.ValidationError(
        {
            (
                api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else names.get(field, field)
            ): list(messages)
            for field, messages in form.errors.items()
        }
    )


def read_filters(request, form_class, names: dict[str, str], values=None, **form_kwargs) -> dict:
    """The query parameters in `names` (API name → the page's filter form's field), checked by
    that form, so that the API refuses what the page refuses with the same messages.
    `values` translates an API value to the page's (`active` → `actief`)."""
    values = values or {}
    data = {
        field: values.get(request.query_params[name], request.query_params[name])
        for name, field in names.items()
        if name in request.query_params
    }
    form = form_class(data, **form_kwargs)
    if not form.is_valid():
        raise form_errors(form, {field: name for name, field in names.items()})
    return {name: form.cleaned_data.get(field) for name, field in names.items()}


def discipline_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Discipline.choices, enum_name="DisciplineEnum", **kwargs)


def roles_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=NamedChoiceField(Role.choices, enum_name="MembershipRoleEnum"), **kwargs
    )


class ExplicitBooleanField(serializers.BooleanField):
    """A boolean that is only what was sent: in form data DRF reads a missing checkbox as
    `false`, which would deactivate what a client only forgot to name."""

    default_empty_html = empty


class StatusSerializer(serializers.Serializer):
    """The state asked for, so that a repeated call changes nothing twice (as the pages)."""

    is_active = ExplicitBooleanField(
        help_text="`false` deactiveert, `true` maakt weer actief.",
        error_messages={
            "required": gettext_lazy("Geef aan of het actief moet zijn: true of false.")
        },
    )


def search(queryset: QuerySet, text: str, fields: tuple[str, ...]) -> QuerySet:
    """Every word must occur in one of `fields`, as in the pages' search."""
    for word in text.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def ordered(request, queryset: QuerySet, options: dict[str, tuple[str, ...]], default: str):
    """Order by `?ordering=` (a key of `options`, "-" first for descending)."""
    chosen = request.query_params.get("ordering", default)
    key = chosen.removeprefix("-")
    if key not in options:
        raise serializers.ValidationError({"ordering": [_("Kies een sortering uit de lijst.")]})
    fields = options[key]
    if chosen.startswith("-"):
        fields = tuple(f"-{field}" for field in fields)
    return queryset.order_by(*fields)


# --- Documentation ----------------------------------------------------------------------------

COALITION = OpenApiParameter(
    "coalition",
    OpenApiTypes.INT,
    description="Id van de coalitie (nodig als je deze rol in meer dan één coalitie hebt).",
)
PK = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


def ordering_parameter(options) -> OpenApiParameter:
    keys = list(options)
    return OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        enum=[*keys, *(f"-{key}" for key in keys)],
        description="Volgorde; met een minteken ervoor van hoog naar laag.",
    )


INVALID = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen per veld.")
COORDINATORS_ONLY = OpenApiResponse(description="Alleen coördinatoren van een coalitie.")
ADMINISTRATORS_ONLY = OpenApiResponse(description="Alleen beheerders van een coalitie.")
MANAGERS_ONLY = OpenApiResponse(description="Alleen coördinatoren en beheerders van een coalitie.")


def not_found(what: str) -> OpenApiResponse:
    return OpenApiResponse(description=f"{what} bestaat niet, of hoort bij een andere coalitie.")


NO_STORE = {"Cache-Control": "no-store"}


def forget_idempotent_answer(request) -> None:
    """Keep an answer that carries a temporary password out of the Idempotency-Key store
    (kansrijk/core/idempotency.py keeps answers for 24 hours to replay them): the password is
    shown once and stored nowhere in plain text. A repeated request with the same key then runs
    again: a second account is refused (the username is taken), a second reset makes a new
    password."""
    idempotency.forget(request)
