"""The work-queue API: the caller's chain signals and "my tasks", as their pages compute them.

- `GET /api/v1/chain-signals/`: the work queue of `views.queue`, per coalition the caller
  works in. A professional gets the signals of their own families (visible to them and on
  whose care team they are now) with the family's id, why and what to do; a coordinator
  gets the coalition's signals with the minimum (reference, phase, signal, since,
  responsible organisation) and no names, and opens a file only on a ground of the access
  policy, like anyone else. One who is both gets the coalition view unless `view=mine`,
  as on the page. Analysts and administrators have no queue (403).
- `GET /api/v1/tasks/mine/`: the tasks of `views.my_tasks` (`selectors.my_tasks`), over
  all coalitions where the caller works as professional, or one (`coalition`).

Like their pages, these lists write no access event: they show only the caller's own
families, or the coordinator's minimum without names. Opening a family is logged.
"""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers

from kansrijk.care.models import Task
from kansrijk.families.api import IsProfessional, PermissionsByMethodMixin
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Coalition, Membership

from . import selectors
from .rules import RULES, RULES_BY_CODE
from .serializers import ChainSignalSerializer, MyTaskSerializer

INVALID_INPUT = OpenApiResponse(description="Ongeldige invoer, met Nederlandse meldingen.")
COALITION_PARAMETER = OpenApiParameter(
    "coalition",
    OpenApiTypes.INT,
    description="Alleen deze coalitie (een van je eigen coalities).",
)
# The page's sort orders (`selectors.SORTS`) under English names.
ORDERINGS = {"kind": "regel", "oldest": "oudste", "newest": "nieuwste"}


def _int_param(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise serializers.ValidationError(
            {name: [_("Geef het nummer (id) van de coalitie.")]}
        ) from None


def _choice_param(request, name: str, choices, message: str) -> str:
    value = request.query_params.get(name) or ""
    if value and value not in choices:
        raise serializers.ValidationError({name: [message]})
    return value


# --- Chain signals --------------------------------------------------------------------------


class WorksOnTheQueue(permissions.BasePermission):
    """Works in a coalition now as professional or coordinator: they have a work queue.

    The memberships it reads (with their coalition) are kept for the view: one query.
    """

    message = _("Alleen professionals en coördinatoren hebben een werkvoorraad.")

    def has_permission(self, request, view) -> bool:
        view.queue_memberships = [
            membership
            for membership in Membership.objects.current()
            .filter(professional=request.user)
            .select_related("coalition")
            .order_by("coalition__name", "pk")
            if membership.is_professional or membership.is_coordinator
        ]
        return bool(view.queue_memberships)


@extend_schema(tags=["ketensignalen"])
class ChainSignalListView(PermissionsByMethodMixin, generics.GenericAPIView):
    """The caller's work queue: chain signals, computed from the data on every read."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, WorksOnTheQueue)}
    serializer_class = ChainSignalSerializer
    queue_memberships: list[Membership] = []

    def _queues(self, requested: int | None, view: str) -> list[tuple[Coalition, bool]]:
        """(coalition, coalition view?) for each coalition the caller has a queue in."""
        roles: dict[int, tuple[Coalition, bool, bool]] = {}
        for membership in self.queue_memberships:
            coalition, professional, coordinator = roles.get(
                membership.coalition_id, (membership.coalition, False, False)
            )
            roles[membership.coalition_id] = (
                coalition,
                professional or membership.is_professional,
                coordinator or membership.is_coordinator,
            )
        queues = []
        for coalition, professional, coordinator in roles.values():
            if requested is not None and coalition.pk != requested:
                continue
            # As on the page: a coordinator sees the coalition, unless one who also works
            # there as professional asks for their own families.
            queues.append((coalition, coordinator and not (professional and view == "mine")))
        return queues

    @extend_schema(
        summary="Ketensignalen",
        description=(
            "Je werkvoorraad zoals de pagina Werkvoorraad hem berekent: wat tussen wal en schip "
            "dreigt te vallen. Als professional de signalen van je eigen gezinnen (in je "
            "zorgteams), met het gezin, waarom en wat je eraan kunt doen. Als coördinator de "
            "signalen van alle open gezinnen van de coalitie met alleen het dossiernummer, de "
            "fase, het signaal, sinds wanneer en de verantwoordelijke organisatie; geen namen, "
            "geen gezinsnummer. Per pagina."
        ),
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                enum=[rule.code for rule in RULES],
                description="Alleen deze soort signaal.",
            ),
            COALITION_PARAMETER,
            OpenApiParameter(
                "view",
                OpenApiTypes.STR,
                enum=["coalition", "mine"],
                description=(
                    "Voor wie coördinator én professional is: `mine` toont je eigen gezinnen "
                    "in plaats van de hele coalitie."
                ),
            ),
            OpenApiParameter(
                "ordering",
                OpenApiTypes.STR,
                enum=list(ORDERINGS),
                description="kind (standaard): per soort signaal; oldest; newest.",
            ),
        ],
        responses={
            200: ChainSignalSerializer(many=True),
            400: INVALID_INPUT,
            403: OpenApiResponse(ErrorSerializer, description="Geen professional of coördinator."),
        },
    )
    def get(self, request):
        kind = _choice_param(
            request,
            "kind",
            RULES_BY_CODE,
            _("Kies een soort ketensignaal: %(kinds)s.")
            % {"kinds": ", ".join(rule.code for rule in RULES)},
        )
        view = _choice_param(
            request, "view", ("coalition", "mine"), _("Kies de weergave: `coalition` of `mine`.")
        )
        ordering = _choice_param(
            request,
            "ordering",
            ORDERINGS,
            _("Kies de volgorde: %(orders)s.") % {"orders": ", ".join(ORDERINGS)},
        )
        today = timezone.localdate()
        rows = []
        # Per coalition: its thresholds (1 query) and one query per active rule, whatever
        # the number of families or signals (`selectors.chain_signals`).
        for coalition, coalition_view in self._queues(_int_param(request, "coalition"), view):
            if coalition_view:
                families = selectors.open_families_of_coalition(coalition)
            else:
                families = selectors.own_open_family_ids(request.user, coalition)
            signals = selectors.chain_signals(families, coalition, today=today, rule_code=kind)
            rows.extend((coalition.pk, coalition_view, signal) for signal in signals)
        sort_key = selectors.SORTS[ORDERINGS[ordering or "kind"]]
        rows.sort(key=lambda row: sort_key(row[2]))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ChainSignalSerializer(page, many=True).data)


# --- My tasks -------------------------------------------------------------------------------


@extend_schema(tags=["taken"])
class MyTasksView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Tasks owned by the caller, or by their organisation, on their families."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated, IsProfessional)}
    serializer_class = MyTaskSerializer

    @extend_schema(
        summary="Mijn taken",
        description=(
            "Zoals de pagina Mijn taken: taken van jou, of van je organisatie zolang niemand "
            "ze heeft, bij gezinnen die je mag zien. Open taken op uiterste datum "
            "(`overdue` als die voorbij is, zonder datum achteraan), of met `status=done` de "
            "afgeronde, laatst afgeronde eerst. Per pagina."
        ),
        parameters=[
            COALITION_PARAMETER,
            OpenApiParameter(
                "status", OpenApiTypes.STR, enum=["open", "done"], description="Standaard open."
            ),
        ],
        responses={
            200: MyTaskSerializer(many=True),
            400: INVALID_INPUT,
            403: OpenApiResponse(ErrorSerializer, description="Geen professional."),
        },
    )
    def get(self, request):
        done = (
            _choice_param(
                request, "status", ("open", "done"), _("Kies de status: `open` of `done`.")
            )
            == "done"
        )
        requested = _int_param(request, "coalition")
        coalition_ids = sorted(
            {
                coalition_id
                for coalition_id in Membership.objects.current()
                .filter(professional=request.user, is_professional=True)
                .values_list("coalition_id", flat=True)
                if requested is None or coalition_id == requested
            }
        )
        # The page's selector per coalition, combined into one query (family, owner and
        # organisation joined): a page costs its count and its rows whatever its length. A
        # coalition that is not the caller's gives an empty list, as on the families list.
        tasks = Task.objects.none()
        for coalition_id in coalition_ids:
            tasks |= selectors.my_tasks(request.user, Coalition(pk=coalition_id), done=done)
        page = self.paginate_queryset(tasks)
        data = MyTaskSerializer(page, many=True, context={"today": timezone.localdate()}).data
        return self.get_paginated_response(data)


urlpatterns = [
    path("chain-signals/", ChainSignalListView.as_view(), name="chain_signals"),
    path("tasks/mine/", MyTasksView.as_view(), name="my_tasks"),
]
