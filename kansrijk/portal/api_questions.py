"""Questions of family members about an access to their file, and the professionals'
answers, through the API.

The pages' rules (kansrijk/portal/views_access.py `questions`, `question_answer`), through
the same selectors and service:

- the questions are read and answered by the coordinators of a coalition (all of its
  questions) and by a family's case director (that family's questions); everyone else gets
  403. The API has no "coalition worked in": a caller sees the questions of every coalition
  in which they work now (`selectors_access.questions_answerable_by`). A question they may
  not answer is "niet gevonden" (404), whether it exists or not;
- the list shows what the page's list shows (when, which family, open or answered) and is
  logged as one search; opening one question shows the question, what the family saw, the
  access event as the professional access report shows it and the answer, and is logged as
  a read of that family;
- answering goes through `access_question_answer` (audit trail and access log), once: a
  question already answered answers 400, as does an empty answer, in Dutch.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from kansrijk.access.models import AccessEvent
from kansrijk.access.policy import NOT_FOUND_MESSAGE, registered_grounds
from kansrijk.access.services import access_event_record
from kansrijk.families.api import PermissionsByMethodMixin, _drf_validation_error
from kansrijk.families.serializers import ErrorSerializer
from kansrijk.organisations.models import Coalition

from .models import AccessQuestion
from .selectors_access import (
    QUESTION_GROUND_DETAIL,
    open_first,
    question_event,
    questions_answerable_by,
)
from .services_questions import access_question_answer

TAG = "gezinsportaal"
QUESTIONS_PAGE_SIZE = 25  # as the page
NOT_ANSWERER = gettext_lazy(
    "Alleen coördinatoren en casusregisseurs lezen en beantwoorden vragen van gezinnen."
)

QUESTION_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Nummer (id) van de vraag."
)
FORBIDDEN = OpenApiResponse(ErrorSerializer, description=str(NOT_ANSWERER))
QUESTION_NOT_FOUND = OpenApiResponse(
    ErrorSerializer,
    description="Niet gevonden of geen toegang (een vraag die je niet beantwoordt).",
)


class QuestionPagination(PageNumberPagination):
    page_size = QUESTIONS_PAGE_SIZE


# --- Serializers ----------------------------------------------------------------------------


def _name(user) -> str | None:
    return (user.get_full_name() or user.username) if user is not None else None


class QuestionFamilySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()


class QuestionRowSerializer(serializers.ModelSerializer):
    """A question in the list: when, which family, open or answered. Needs `family` joined."""

    family = QuestionFamilySerializer()
    answered = serializers.SerializerMethodField()

    class Meta:
        model = AccessQuestion
        fields = ["id", "family", "asked_at", "answered", "answered_at"]
        read_only_fields = fields

    def get_answered(self, question: AccessQuestion) -> bool:
        return question.answered_at is not None


class QuestionEventSerializer(serializers.Serializer):
    """The access asked about, as the professional access report shows it."""

    id = serializers.IntegerField()
    timestamp = serializers.DateTimeField()
    user_display = serializers.CharField()
    on_behalf_of = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField(allow_blank=True)
    discipline = serializers.CharField(allow_blank=True)
    action = serializers.CharField()
    action_display = serializers.CharField(source="get_action_display")
    authorisation = serializers.BooleanField()
    ground = serializers.CharField(allow_blank=True)
    ground_label = serializers.SerializerMethodField()
    ground_detail = serializers.CharField(allow_blank=True)
    detail = serializers.CharField(allow_blank=True)

    def get_ground_label(self, event) -> str:
        labels = self.context.get("ground_labels", {})
        return labels.get(event.ground, "")


class QuestionDetailSerializer(QuestionRowSerializer):
    """One question with what the family saw, the access event and the answer. Needs
    `family`, `account__person` and `answered_by` joined, and the event in the context."""

    asked_by = serializers.SerializerMethodField(help_text=gettext_lazy("Het gezinslid."))
    access_summary = serializers.CharField(help_text=gettext_lazy("Wat het gezin zag."))
    event = serializers.SerializerMethodField(
        help_text=gettext_lazy("Leeg als de toegang niet meer in het toegangslog staat.")
    )
    answered_by = serializers.SerializerMethodField()

    class Meta(QuestionRowSerializer.Meta):
        fields = [
            "id",
            "family",
            "asked_at",
            "asked_by",
            "message",
            "access_summary",
            "event",
            "answered",
            "answer",
            "answered_at",
            "answered_by",
        ]
        read_only_fields = fields

    def get_asked_by(self, question: AccessQuestion) -> str:
        person = question.account.person
        return f"{person.first_name} {person.last_name}".strip()

    def get_answered_by(self, question: AccessQuestion) -> str | None:
        return _name(question.answered_by)

    @extend_schema_field(QuestionEventSerializer(allow_null=True))
    def get_event(self, question: AccessQuestion) -> dict | None:
        event = self.context.get("event")
        if event is None:
            return None
        return QuestionEventSerializer(event, context=self.context).data


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(
        max_length=4000,
        help_text=gettext_lazy("Het antwoord; het gezin ziet het in Mijn gezin."),
        error_messages={
            "required": gettext_lazy("Schrijf een antwoord."),
            "blank": gettext_lazy("Schrijf een antwoord."),
            "null": gettext_lazy("Schrijf een antwoord."),
        },
    )


# --- Helpers --------------------------------------------------------------------------------


def _answerable(request):
    """The questions the caller may answer and the coalitions they are in; 403 for anyone
    who answers none (neither coordinator nor case director)."""
    questions, coalitions = questions_answerable_by(request.user)
    if questions is None:
        raise exceptions.PermissionDenied(NOT_ANSWERER)
    return questions, coalitions


def _log(request, *, action, detail: str, family=None, coalitions=()) -> None:
    """As the pages: the list is a search (in the one coalition, if one), a question a read
    of its family on the ground "a question of the family about an access"."""
    coalition = None
    if family is None and len(coalitions) == 1:
        # An unsaved instance with only the key: the event needs no other coalition field.
        coalition = Coalition(pk=next(iter(coalitions)))
    access_event_record(
        user=request.user,
        action=action,
        family=family,
        coalition=coalition,
        authorisation=True,
        treatment_relationship=False,
        consent=False,
        emergency=False,
        ground_detail=QUESTION_GROUND_DETAIL if family is not None else "",
        detail=detail,
        request=request,
    )


def _question(questions, pk) -> AccessQuestion:
    question = (
        questions.select_related("family", "account__person", "answered_by").filter(pk=pk).first()
    )
    if question is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return question


def _detail(question: AccessQuestion) -> dict:
    context = {
        "event": question_event(question),
        "ground_labels": {ground.code: str(ground.label) for ground in registered_grounds()},
    }
    return QuestionDetailSerializer(question, context=context).data


QUESTION_EXAMPLE = {
    "id": 14,
    "family": {"id": 12, "reference": "KS-2026-0012"},
    "asked_at": "2026-03-02T10:15:00+01:00",
    "asked_by": "Sanne de Vries",
    "message": "Wie is dit? Ik ken deze zorgverlener niet.",
    "access_summary": "1 maart 2026 09:12 · Jan Jansen (JGZ Eerstedorp) · heeft in jullie "
    "dossier gekeken · zit in jullie zorgteam",
    "event": None,
    "answered": False,
    "answer": "",
    "answered_at": None,
    "answered_by": None,
}


# --- Views ----------------------------------------------------------------------------------


@extend_schema(tags=[TAG])
class AccessQuestionListView(PermissionsByMethodMixin, generics.ListAPIView):
    """The questions of families about accesses: open ones first, then the answered ones."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = QuestionRowSerializer
    pagination_class = QuestionPagination

    def get_queryset(self):
        """The family joined for its reference: one select for the page, and a count."""
        if getattr(self, "swagger_fake_view", False):
            return AccessQuestion.objects.none()
        questions, coalitions = _answerable(self.request)
        _log(
            self.request,
            action=AccessEvent.Action.SEARCH,
            detail=_("Vragen van gezinnen over toegang bekeken via de API"),
            coalitions=coalitions,
        )
        return open_first(questions).select_related("family")

    @extend_schema(
        summary="Vragen van gezinnen over toegang",
        description=(
            "Gezinnen zien in Mijn gezin wie in hun dossier keek en kunnen daarover een vraag "
            "stellen. Voor coördinatoren (alle vragen van hun coalitie) en casusregisseurs "
            "(de vragen van hun gezinnen); open vragen eerst. Per pagina 25."
        ),
        responses={200: QuestionRowSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=[TAG])
class AccessQuestionDetailView(PermissionsByMethodMixin, generics.GenericAPIView):
    """One question, with what the family saw, the access it is about and the answer."""

    permissions_by_method = {"GET": (permissions.IsAuthenticated,)}
    serializer_class = QuestionDetailSerializer

    @extend_schema(
        summary="Vraag van een gezin over een toegang",
        parameters=[QUESTION_PARAMETER],
        responses={200: QuestionDetailSerializer, 403: FORBIDDEN, 404: QUESTION_NOT_FOUND},
        examples=[OpenApiExample("Open vraag", value=QUESTION_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk):
        questions, _coalitions = _answerable(request)
        question = _question(questions, pk)
        _log(
            request,
            action=AccessEvent.Action.READ,
            family=question.family,
            detail=_("Vraag van het gezin over een toegang gelezen via de API"),
        )
        return Response(_detail(question))


@extend_schema(tags=[TAG])
class AccessQuestionAnswerView(PermissionsByMethodMixin, generics.GenericAPIView):
    """Answer a family's question about an access, once."""

    permissions_by_method = {"POST": (permissions.IsAuthenticated,)}
    serializer_class = QuestionDetailSerializer

    @extend_schema(
        summary="Vraag van een gezin beantwoorden",
        description=(
            "Het antwoord staat daarna in Mijn gezin bij de vraag. Een vraag wordt één keer "
            "beantwoord: een beantwoorde vraag geeft 400."
        ),
        parameters=[QUESTION_PARAMETER],
        request=AnswerSerializer,
        examples=[
            OpenApiExample(
                "Antwoord",
                value={"answer": "Dat is de jeugdverpleegkundige die het huisbezoek voorbereidt."},
                request_only=True,
            )
        ],
        responses={
            200: QuestionDetailSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Geen antwoord, of al beantwoord."),
            403: FORBIDDEN,
            404: QUESTION_NOT_FOUND,
        },
    )
    def post(self, request, pk):
        questions, _coalitions = _answerable(request)
        question = _question(questions, pk)
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            access_question_answer(
                actor=request.user,
                questions=questions,
                question_pk=question.pk,
                answer=serializer.validated_data["answer"],
                request=request,
            )
        except DjangoValidationError as error:
            raise _drf_validation_error(error) from None
        return Response(_detail(_question(questions, question.pk)))


urlpatterns = [
    path("access-questions/", AccessQuestionListView.as_view(), name="access_question_list"),
    path(
        "access-questions/<int:pk>/",
        AccessQuestionDetailView.as_view(),
        name="access_question_detail",
    ),
    path(
        "access-questions/<int:pk>/answer/",
        AccessQuestionAnswerView.as_view(),
        name="access_question_answer",
    ),
]
