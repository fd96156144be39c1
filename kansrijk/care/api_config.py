"""A coalition's chain moments (ketenmomenten) through the API, as on the coordinator's pages
(`views_handovers.chain_moments`, `views_handovers.chain_moment_edit`):

- only coordinators of a coalition read and change them (`CoordinatesACoalition`, shared with
  the signaling configuration API); every other professional, the analyst and the
  administrator get 403, without a session or token 401;
- a call is for the caller's one coordinated coalition, or the one named in `?coalition=`
  when there are several (a moment's code is unique within its coalition only); a coalition
  the caller does not coordinate, and a code it does not have, is "not found" (404);
- a coalition without its own list shows the defaults; its first change copies them (the
  service does). A moment is validated by the page's form (`ChainMomentForm`: the Dutch
  messages per field) and saved by `services_handovers.chain_moment_save`, which checks the
  role again, validates, and writes the audit trail in one transaction. A PATCH sends only
  what changes. The page cannot remove a moment (it switches it off), so neither can the API.

Chain moments are coalition data without families: no access event is written.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from kansrijk.core.api_fields import NamedChoiceField
from kansrijk.families.api import _drf_validation_error
from kansrijk.families.api_coalition_config import (
    COALITION,
    COALITION_NOT_FOUND,
    COORDINATOR,
    FORBIDDEN,
    INVALID,
    TAG,
    ConfigViewMixin,
    CoordinatesACoalition,
    coalition_responses,
    form_errors,
)
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Coalition, OrganisationKind

from . import selectors_handovers as selectors
from . import services_handovers as services
from .forms_handovers import ChainMomentForm
from .models import ChainMoment, Moment, TimingAnchor
from .models.handovers import OFFSET_LIMIT

MOMENT_NOT_FOUND = OpenApiResponse(
    ErrorSerializer, description="Dit ketenmoment bestaat niet (meer) in deze coalitie."
)
CODE_PARAMETER = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description="Code van het ketenmoment."
)


def _kind_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(OrganisationKind.choices, enum_name="OrganisationKindEnum", **kwargs)


class ChainMomentSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    from_kinds = serializers.ListField(
        child=_kind_field(),
        help_text="Van welke soorten organisatie; leeg: van elke organisatie.",
    )
    to_kind = serializers.CharField(help_text="Naar welke soort organisatie; leeg: elke.")
    transfers_casusregie = serializers.BooleanField()
    anchor = serializers.ChoiceField(choices=TimingAnchor.choices)
    offset_days = serializers.IntegerField(
        help_text="Dagen voor (-) of na (+) het ankerpunt waarop de overdracht klaar is."
    )
    order = serializers.IntegerField()
    is_active = serializers.BooleanField()


class ChainMomentListSerializer(serializers.Serializer):
    coalition = serializers.IntegerField()
    uses_defaults = serializers.BooleanField(
        help_text="De coalitie gebruikt nog de standaardmomenten (geen eigen lijst)."
    )
    moments = ChainMomentSerializer(many=True)


class ChainMomentWriteSerializer(serializers.Serializer):
    """The shape of a write; what is required and the limits are the page form's."""

    name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    from_kinds = serializers.ListField(
        child=_kind_field(),
        required=False,
        max_length=len(OrganisationKind.choices),
    )
    to_kind = NamedChoiceField(
        [("", gettext_lazy("Elke organisatie")), *OrganisationKind.choices],
        enum_name="OrganisationKindEnum",
        required=False,
        allow_blank=True,
        help_text="Leeg: naar elke organisatie.",
    )
    transfers_casusregie = serializers.BooleanField(required=False)
    anchor = serializers.ChoiceField(choices=TimingAnchor.choices, required=False)
    offset_days = serializers.IntegerField(
        required=False, min_value=-OFFSET_LIMIT, max_value=OFFSET_LIMIT
    )
    order = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    is_active = serializers.BooleanField(required=False)


def _row(moment: Moment) -> dict:
    return {
        "code": moment.code,
        "name": str(moment.name),
        "from_kinds": [str(kind) for kind in moment.from_kinds],
        "to_kind": moment.to_kind,
        "transfers_casusregie": moment.transfers_casusregie,
        "anchor": moment.anchor,
        "offset_days": moment.offset_days,
        "order": moment.order,
        "is_active": moment.is_active,
    }


EXAMPLE = {
    "name": "Van kraamzorg naar JGZ",
    "from_kinds": ["kraamzorg"],
    "to_kind": "jgz",
    "transfers_casusregie": False,
    "anchor": "birth_date",
    "offset_days": 10,
    "order": 60,
    "is_active": True,
}


def _save(request, *, coalition: Coalition, moment: Moment | None, sent: dict) -> Moment:
    """Validate with the page's form (the moment as it is, or the form's starting values for
    a new one, with what was sent over it) and save through the page's service."""
    if moment is None:
        start = {
            name: field.initial
            for name, field in ChainMomentForm.base_fields.items()
            if field.initial is not None
        }
    else:
        start = _row(moment)
    form = ChainMomentForm({**start, **sent})
    if not form.is_valid():
        raise form_errors(form)
    try:
        saved = services.chain_moment_save(
            actor=request.user,
            coalition=coalition,
            code=None if moment is None else moment.code,
            data=dict(form.cleaned_data),
            request=request,
        )
    except DjangoPermissionDenied:
        raise exceptions.PermissionDenied(CoordinatesACoalition.message) from None
    except DjangoValidationError as error:
        raise _drf_validation_error(error) from None
    return ChainMoment.objects.get(pk=saved.pk).as_moment()


@extend_schema(tags=[TAG])
class ChainMomentListView(ConfigViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "POST": COORDINATOR}
    serializer_class = ChainMomentListSerializer

    @extend_schema(
        operation_id="chain_moments_list",
        summary="Ketenmomenten van de coalitie",
        description=(
            "De vaste overdrachtsmomenten in de keten, met de termijn waarop een overdracht "
            "klaar moet zijn. Zonder eigen lijst: de standaardmomenten (`uses_defaults`)."
        ),
        parameters=[COALITION],
        responses=coalition_responses(ChainMomentListSerializer),
    )
    def get(self, request):
        coalition = self.coalition()
        own = list(ChainMoment.objects.filter(coalition=coalition).order_by("order", "id"))
        moments = selectors.coalition_chain_moments(coalition, active_only=False)
        return Response(
            {
                "coalition": coalition.pk,
                "uses_defaults": not own,
                "moments": [_row(moment) for moment in moments],
            }
        )

    @extend_schema(
        summary="Ketenmoment toevoegen",
        description=(
            "Een nieuw overdrachtsmoment. De eerste wijziging kopieert de standaardmomenten "
            "naar de eigen lijst van de coalitie; de code volgt uit de naam."
        ),
        parameters=[COALITION],
        request=ChainMomentWriteSerializer,
        examples=[OpenApiExample("Kraamzorg naar JGZ", value=EXAMPLE, request_only=True)],
        responses={
            201: OpenApiResponse(
                ChainMomentSerializer,
                examples=[
                    OpenApiExample(
                        "Opgeslagen",
                        value={"code": "van-kraamzorg-naar-jgz", **EXAMPLE},
                        response_only=True,
                    )
                ],
            ),
            400: INVALID,
            403: FORBIDDEN,
            404: COALITION_NOT_FOUND,
        },
    )
    def post(self, request):
        coalition = self.coalition()
        serializer = ChainMomentWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        moment = _save(
            request, coalition=coalition, moment=None, sent=dict(serializer.validated_data)
        )
        location = reverse("api:chain_moment_detail", args=[moment.code])
        return Response(
            _row(moment),
            status=status.HTTP_201_CREATED,
            headers={"Location": f"{location}?coalition={coalition.pk}"},
        )


@extend_schema(tags=[TAG])
class ChainMomentDetailView(ConfigViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "PATCH": COORDINATOR}
    serializer_class = ChainMomentSerializer

    def _moment(self, coalition: Coalition, code: str) -> Moment:
        moments = selectors.coalition_chain_moments(coalition, active_only=False)
        moment = next((m for m in moments if m.code == code), None)
        if moment is None:
            raise Http404(_("Dit ketenmoment bestaat niet (meer)."))
        return moment

    @extend_schema(
        summary="Ketenmoment",
        parameters=[CODE_PARAMETER, COALITION],
        responses={200: ChainMomentSerializer, 400: INVALID, 403: FORBIDDEN, 404: MOMENT_NOT_FOUND},
    )
    def get(self, request, code: str):
        return Response(_row(self._moment(self.coalition(), code)))

    @extend_schema(
        summary="Ketenmoment wijzigen",
        description=(
            "Wijzigt de velden die je meestuurt. Een moment verwijderen kan niet: zet het uit "
            "met `is_active: false`."
        ),
        parameters=[CODE_PARAMETER, COALITION],
        request=ChainMomentWriteSerializer,
        examples=[
            OpenApiExample(
                "Andere termijn",
                value={"anchor": "due_date", "offset_days": -42},
                request_only=True,
            )
        ],
        responses={200: ChainMomentSerializer, 400: INVALID, 403: FORBIDDEN, 404: MOMENT_NOT_FOUND},
    )
    def patch(self, request, code: str):
        coalition = self.coalition()
        moment = self._moment(coalition, code)
        serializer = ChainMomentWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        saved = _save(
            request, coalition=coalition, moment=moment, sent=dict(serializer.validated_data)
        )
        return Response(_row(saved))


urlpatterns = [
    path("chain-moments/", ChainMomentListView.as_view(), name="chain_moment_list"),
    path("chain-moments/<slug:code>/", ChainMomentDetailView.as_view(), name="chain_moment_detail"),
]
