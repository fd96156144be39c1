"""A coalition's memberships ("medewerkers") through the API, as on the coordinator's pages
(`views.membership_list`, `membership_add`, `membership_edit`, `membership_end`):

- coordinators of the coalition only (api_admin_common); a membership of another coalition
  is "not found";
- the input is checked by the page's forms (`MembershipAddForm`, `MembershipEditForm`,
  `MembershipEndForm`: their Dutch messages per field) and stored by the page's services,
  which write the audit trail;
- only an administrator of the coalition grants or takes away the administrator role; for a
  coordinator it is no choice (400, as the page does not offer it) and an administrator role
  a membership already has stays as it is;
- adding someone without an account makes one, with a temporary password that the answer
  carries once (never stored, not even for an Idempotency-Key's replay);
- a membership is never deleted: it is ended on a date (`POST .../end/`).
"""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_errors import drf_validation_error

from . import selectors, services
from .api_admin_common import (
    COALITION,
    COORDINATOR,
    COORDINATORS_ONLY,
    INVALID,
    NO_STORE,
    PK,
    TAG,
    ManageViewMixin,
    discipline_field,
    forget_idempotent_answer,
    form_errors,
    holds_role,
    not_found,
    ordered,
    ordering_parameter,
    read_filters,
    roles_field,
    search,
)
from .forms import MembershipAddForm, MembershipEditForm, MembershipEndForm, MembershipFilterForm
from .models import Discipline, Membership, Role

SORTS = {
    "name": ("professional__last_name", "professional__first_name", "organisation__name"),
    "organisation": (
        "organisation__name",
        "professional__last_name",
        "professional__first_name",
    ),
    "discipline": ("discipline", "professional__last_name", "professional__first_name"),
    "start_date": ("start_date", "professional__last_name"),
}
WHO = {"existing": MembershipAddForm.EXISTING, "new": MembershipAddForm.NEW}
FILTERS = {
    "q": "q",
    "organisation": "organisatie",
    "discipline": "discipline",
    "role": "rol",
    "include_ended": "beeindigd",
}


class AdminMembershipSerializer(serializers.ModelSerializer):
    professional = serializers.IntegerField(source="professional_id")
    professional_name = serializers.CharField(source="professional.__str__")
    username = serializers.CharField(source="professional.username")
    organisation = serializers.IntegerField(source="organisation_id")
    organisation_name = serializers.CharField(source="organisation.name")
    discipline = discipline_field()
    roles = roles_field()
    is_current = serializers.BooleanField()

    class Meta:
        model = Membership
        fields = [
            "id",
            "professional",
            "professional_name",
            "username",
            "organisation",
            "organisation_name",
            "discipline",
            "roles",
            "phone",
            "start_date",
            "end_date",
            "is_current",
        ]


class MembershipAddedSerializer(AdminMembershipSerializer):
    temporary_password = serializers.CharField(
        allow_null=True,
        help_text=(
            "Alleen als er een nieuw account is gemaakt: het tijdelijke wachtwoord, één keer "
            "getoond en nergens bewaard. De professional kiest bij de eerste keer inloggen een "
            "eigen wachtwoord en stelt een authenticator-app in."
        ),
    )

    class Meta(AdminMembershipSerializer.Meta):
        fields = [*AdminMembershipSerializer.Meta.fields, "temporary_password"]


class MembershipFieldsSerializer(serializers.Serializer):
    """The shape of a write; what is required and valid is the page form's."""

    discipline = discipline_field(required=False)
    roles = roles_field(required=False)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=30)
    start_date = serializers.DateField(required=False, help_text="Leeg bij toevoegen: vandaag.")


class MembershipAddSerializer(MembershipFieldsSerializer):
    who = serializers.ChoiceField(
        list(WHO),
        required=False,
        help_text="`existing`: iemand met een account (`identifier`); `new`: maak een account.",
    )
    identifier = serializers.CharField(
        required=False, allow_blank=True, max_length=254, help_text="Gebruikersnaam of e-mail."
    )
    first_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_name = serializers.CharField(required=False, allow_blank=True, max_length=150)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    username = serializers.CharField(required=False, allow_blank=True, max_length=150)
    organisation = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="Id van een organisatie."
    )


class MembershipEndSerializer(serializers.Serializer):
    end_date = serializers.DateField(
        required=False, help_text="Vanaf deze dag werkt de professional hier niet meer."
    )


EXAMPLE = {
    "id": 31,
    "professional": 12,
    "professional_name": "Anna de Vries",
    "username": "anna.devries",
    "organisation": 4,
    "organisation_name": "Verloskundigen Eerstedorp",
    "discipline": "verloskundige",
    "roles": ["professional"],
    "phone": "06 12345678",
    "start_date": "2026-09-01",
    "end_date": None,
    "is_current": True,
}
ADD_EXISTING = {
    "who": "existing",
    "identifier": "anna.devries",
    "organisation": 4,
    "discipline": "verloskundige",
    "roles": ["professional"],
    "start_date": "2026-09-01",
}
ADD_NEW = {
    "who": "new",
    "first_name": "Anna",
    "last_name": "de Vries",
    "email": "anna@verloskundigen.example",
    "username": "anna.devries",
    "organisation": 4,
    "discipline": "verloskundige",
    "roles": ["professional"],
}


def _form_data(validated: dict) -> dict:
    """The API's values as the page's form reads them (dates as ISO text)."""
    data = {}
    for name, value in validated.items():
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


def _membership(view, pk: int) -> Membership:
    membership = selectors.manageable_memberships(view.coalition()).filter(pk=pk).first()
    if membership is None:
        raise exceptions.NotFound(_("Dit lidmaatschap bestaat niet in je coalitie."))
    return membership


def _answer(membership: Membership, code=status.HTTP_200_OK) -> Response:
    membership = selectors.manageable_memberships(membership.coalition).get(pk=membership.pk)
    return Response(AdminMembershipSerializer(membership).data, status=code)


def _may_grant_administrator(view) -> bool:
    return holds_role(view.request.user, view.coalition(), Role.ADMINISTRATOR)


@extend_schema(tags=[TAG])
class MembershipListView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "POST": COORDINATOR}
    serializer_class = AdminMembershipSerializer

    @extend_schema(
        operation_id="admin_memberships_list",
        summary="Medewerkers van de coalitie",
        description=(
            "De lidmaatschappen van de coalitie: wie bij welke organisatie werkt, in welke "
            "discipline en met welke rollen; zonder `include_ended` alleen de lopende. Per "
            "pagina van 50. Voor coördinatoren."
        ),
        parameters=[
            COALITION,
            OpenApiParameter("q", OpenApiTypes.STR, description="Zoek op naam of gebruikersnaam."),
            OpenApiParameter(
                "organisation", OpenApiTypes.INT, description="Id van een organisatie."
            ),
            OpenApiParameter("discipline", OpenApiTypes.STR, enum=list(Discipline.values)),
            OpenApiParameter("role", OpenApiTypes.STR, enum=list(Role.values)),
            OpenApiParameter(
                "include_ended", OpenApiTypes.BOOL, description="Ook beëindigde lidmaatschappen."
            ),
            ordering_parameter(SORTS),
        ],
        responses={
            200: AdminMembershipSerializer(many=True),
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Lidmaatschap", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        coalition = self.coalition()
        filters = read_filters(
            request,
            MembershipFilterForm,
            FILTERS,
            values={"true": "on", "false": ""},
            coalition=coalition,
        )
        # select_related("professional", "organisation") in the selector: a row shows both.
        memberships = selectors.manageable_memberships(coalition)
        if not filters["include_ended"]:
            memberships = selectors.open_memberships(memberships)
        if filters["q"]:
            memberships = search(
                memberships,
                filters["q"],
                ("professional__first_name", "professional__last_name", "professional__username"),
            )
        if filters["organisation"]:
            memberships = memberships.filter(organisation=filters["organisation"])
        if filters["discipline"]:
            memberships = memberships.filter(discipline=filters["discipline"])
        if filters["role"]:
            memberships = memberships.with_role(filters["role"])
        memberships = ordered(request, memberships, SORTS, "name")
        page = self.paginate_queryset(memberships)
        return self.get_paginated_response(AdminMembershipSerializer(page, many=True).data)

    @extend_schema(
        operation_id="admin_memberships_create",
        summary="Medewerker toevoegen",
        description=(
            "Voeg een professional toe aan een actieve organisatie van de coalitie: iemand met "
            "een account (`who: existing`, `identifier` is de gebruikersnaam of het "
            "e-mailadres) of iemand zonder (`who: new`, met naam, e-mailadres en "
            "gebruikersnaam: het account wordt gemaakt). Een nieuw account krijgt een tijdelijk "
            "wachtwoord dat alleen in dit antwoord staat. De rol beheerder kent alleen een "
            "beheerder toe. Een Idempotency-Key voorkomt een tweede lidmaatschap; een antwoord "
            "met een tijdelijk wachtwoord wordt niet bewaard en dus niet herhaald."
        ),
        parameters=[COALITION],
        request=MembershipAddSerializer,
        examples=[
            OpenApiExample("Bestaande professional", value=ADD_EXISTING, request_only=True),
            OpenApiExample("Nieuw account", value=ADD_NEW, request_only=True),
            OpenApiExample(
                "Toegevoegd",
                value={**EXAMPLE, "temporary_password": None},
                response_only=True,
                status_codes=[201],
            ),
        ],
        responses={
            201: MembershipAddedSerializer,
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
    )
    def post(self, request):
        coalition = self.coalition()
        sent = MembershipAddSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        data = _form_data(sent.validated_data)
        data["who"] = WHO.get(data.get("who"), "")
        data.setdefault("start_date", timezone.localdate().isoformat())
        form = MembershipAddForm(
            data, coalition=coalition, may_grant_administrator=_may_grant_administrator(self)
        )
        if not form.is_valid():
            raise form_errors(form)
        cleaned = form.cleaned_data
        try:
            added = services.membership_add(
                actor=request.user,
                coalition=coalition,
                professional=form.chosen_professional(),
                organisation=cleaned["organisation"],
                discipline=cleaned["discipline"],
                roles=cleaned["roles"],
                may_grant_administrator=form.may_grant_administrator,
                phone=cleaned["phone"],
                start_date=cleaned["start_date"],
                request=request,
            )
        except services.ValidationError as error:
            raise drf_validation_error(error) from None
        membership = selectors.manageable_memberships(coalition).get(pk=added.membership.pk)
        body = {**AdminMembershipSerializer(membership).data}
        body["temporary_password"] = added.temporary_password
        headers = {
            "Location": reverse("api:admin_membership_detail", args=[membership.pk])
            + f"?coalition={coalition.pk}"
        }
        if added.temporary_password:
            forget_idempotent_answer(request)
            headers |= NO_STORE
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class MembershipDetailView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "PATCH": COORDINATOR}
    serializer_class = AdminMembershipSerializer

    @extend_schema(
        operation_id="admin_memberships_retrieve",
        summary="Lidmaatschap",
        responses={
            200: AdminMembershipSerializer,
            403: COORDINATORS_ONLY,
            404: not_found("Dit lidmaatschap"),
        },
        examples=[OpenApiExample("Lidmaatschap", value=EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        return _answer(_membership(self, pk))

    @extend_schema(
        operation_id="admin_memberships_partial_update",
        summary="Lidmaatschap wijzigen",
        description=(
            "Discipline, rollen, telefoonnummer en startdatum; stuur alleen wat verandert. "
            "Alleen een beheerder kent de rol beheerder toe of neemt haar af. De oude en "
            "nieuwe waarden komen in de audittrail."
        ),
        request=MembershipFieldsSerializer,
        examples=[
            OpenApiExample("Ook coördinator", value={"roles": ["professional", "coordinator"]})
        ],
        responses={
            200: AdminMembershipSerializer,
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Dit lidmaatschap"),
        },
    )
    def patch(self, request, pk: int):
        membership = _membership(self, pk)
        sent = MembershipFieldsSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        may_grant = _may_grant_administrator(self)
        roles = [str(role) for role in membership.roles]
        if not may_grant:
            # Not a choice for a coordinator: the page's form keeps the role as it is.
            roles = [role for role in roles if role != Role.ADMINISTRATOR]
            if membership.is_administrator and "roles" in sent.validated_data:
                sent.validated_data["roles"] = [
                    role for role in sent.validated_data["roles"] if role != Role.ADMINISTRATOR
                ]
        current = {
            "discipline": membership.discipline,
            "roles": roles,
            "phone": membership.phone,
            "start_date": membership.start_date.isoformat(),
        }
        form = MembershipEditForm(
            current | _form_data(sent.validated_data),
            membership=membership,
            may_grant_administrator=may_grant,
        )
        if not form.is_valid():
            raise form_errors(form)
        cleaned = form.cleaned_data
        try:
            services.membership_update(
                actor=request.user,
                coalition=self.coalition(),
                membership=membership,
                discipline=cleaned["discipline"],
                roles=cleaned["roles"],
                may_grant_administrator=form.may_grant_administrator,
                phone=cleaned["phone"],
                start_date=cleaned["start_date"],
                request=request,
            )
        except services.ValidationError as error:
            raise drf_validation_error(error) from None
        return _answer(membership)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class MembershipEndView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": COORDINATOR}
    serializer_class = AdminMembershipSerializer

    @extend_schema(
        operation_id="admin_memberships_end",
        summary="Lidmaatschap beëindigen",
        description=(
            "Vanaf de einddatum werkt de professional niet meer bij deze organisatie in de "
            "coalitie. Het lidmaatschap blijft bewaard, zodat te zien blijft wie waar werkte."
        ),
        request=MembershipEndSerializer,
        examples=[OpenApiExample("Per 1 maart", value={"end_date": "2027-03-01"})],
        responses={
            200: AdminMembershipSerializer,
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Dit lidmaatschap"),
        },
    )
    def post(self, request, pk: int):
        membership = _membership(self, pk)
        sent = MembershipEndSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        if membership.end_date is not None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Dit lidmaatschap is al beëindigd.")]}
            )
        form = MembershipEndForm(_form_data(sent.validated_data), membership=membership)
        if not form.is_valid():
            raise form_errors(form)
        try:
            services.membership_end(
                actor=request.user,
                coalition=self.coalition(),
                membership=membership,
                end_date=form.cleaned_data["end_date"],
                request=request,
            )
        except services.ValidationError as error:
            raise drf_validation_error(error) from None
        return _answer(membership)


urlpatterns = [
    path("admin/memberships/", MembershipListView.as_view(), name="admin_membership_list"),
    path(
        "admin/memberships/<int:pk>/",
        MembershipDetailView.as_view(),
        name="admin_membership_detail",
    ),
    path(
        "admin/memberships/<int:pk>/end/",
        MembershipEndView.as_view(),
        name="admin_membership_end",
    ),
]
