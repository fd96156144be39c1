"""Failed background tasks and mails through the API, as on the faults page under Beheer
("Taken en e-mails", kansrijk/core/views_operations.py), with its "Opnieuw proberen":

- administrators of the coalition only (api_admin_common); everyone else gets 403;
- tasks belong to the whole installation and carry only ids: every administrator sees all
  failed and stuck tasks (`core.tasks_retry.failed_tasks`) and may run one again
  (`task_retry`, audited); a task that exists but is not failed or stuck (any more) is refused
  with 400, an unknown one is "not found";
- a mail is shown to the administrators of its coalition, and a mail of no coalition to all of
  them (`core.mail_outbox.failed_mails`), by its kind, time, attempts and error only: never its
  address, subject or text (a mail to a family member is family data, which technical
  administrators do not see). Another coalition's mail is "not found" (404);
- the rows are the page's (`core.operations`), the retries the page's services, which write
  the audit trail.
"""

from django.urls import path
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, serializers
from rest_framework.response import Response

from kansrijk.core.mail_outbox import failed_mails, outgoing_mail_retry
from kansrijk.core.models import OutgoingMail
from kansrijk.core.operations import mail_kind, task_exists, task_row
from kansrijk.core.tasks_retry import failed_tasks, task_retry

from .api_admin_common import (
    ADMINISTRATOR,
    ADMINISTRATORS_ONLY,
    COALITION,
    INVALID,
    PK,
    TAG,
    ManageViewMixin,
    not_found,
)

TASK_ID = OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)


class FailedTaskSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField(help_text="De naam van de taak.")
    enqueued_at = serializers.DateTimeField(help_text="Wanneer de taak werd ingepland.")
    started_at = serializers.DateTimeField(
        allow_null=True, help_text="Het begin van de laatste poging."
    )
    finished_at = serializers.DateTimeField(
        allow_null=True, help_text="Het einde van de laatste poging; leeg als ze vastliep."
    )
    attempts = serializers.IntegerField(help_text="Het aantal pogingen tot nu toe.")
    stuck = serializers.BooleanField(
        help_text="Vastgelopen: de verwerker stopte tijdens de taak (loopt al meer dan een "
        "half uur)."
    )
    error = serializers.CharField(help_text="De fout in één regel (zonder traceback).")


class FailedMailSerializer(serializers.Serializer):
    """Never the address, subject or text of the mail."""

    id = serializers.IntegerField()
    kind = serializers.SerializerMethodField(help_text="Wat voor e-mail het is.")
    created_at = serializers.DateTimeField()
    attempts = serializers.IntegerField(help_text="Het aantal pogingen tot nu toe.")
    error = serializers.CharField(source="last_error", help_text="De laatste fout.")
    next_attempt_at = serializers.DateTimeField(
        allow_null=True,
        help_text="De volgende poging; leeg als er geen volgt (opnieuw proberen kan dan).",
    )

    def get_kind(self, mail) -> str:
        return mail_kind(mail.label)


class TaskRetriedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    detail = serializers.CharField()


class MailRetriedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    detail = serializers.CharField()


TASK_EXAMPLE = {
    "id": "5d3f4c1e-8a0b-4d6e-9f21-3b7c2a1d9e44",
    "name": "recompute_stale",
    "enqueued_at": "2026-11-20T03:00:00+01:00",
    "started_at": "2026-11-20T04:04:01+01:00",
    "finished_at": "2026-11-20T04:04:02+01:00",
    "attempts": 5,
    "stuck": False,
    "error": "django.db.utils.OperationalError: server closed the connection unexpectedly",
}
MAIL_EXAMPLE = {
    "id": 81,
    "kind": "Herinnering ketensignalen",
    "created_at": "2026-11-20T07:00:00+01:00",
    "attempts": 10,
    "error": "SMTPServerDisconnected: Connection unexpectedly closed",
    "next_attempt_at": None,
}


@extend_schema(tags=[TAG], parameters=[COALITION])
class FailedTaskListView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": ADMINISTRATOR}
    serializer_class = FailedTaskSerializer

    @extend_schema(
        operation_id="admin_operations_tasks_list",
        summary="Mislukte taken",
        description=(
            "Taken op de achtergrond die niet meer vanzelf opnieuw worden geprobeerd, of die "
            "vastliepen; nieuwste eerst, per pagina van 50. Taken horen bij de hele installatie "
            "en bevatten alleen ids: elke beheerder ziet ze allemaal."
        ),
        responses={
            200: FailedTaskSerializer(many=True),
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Mislukte taak", value=TASK_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        self.coalition()  # `?coalition=` of another coalition is "not found"
        page = self.paginate_queryset(failed_tasks())
        rows = [task_row(row) for row in page]
        return self.get_paginated_response(FailedTaskSerializer(rows, many=True).data)


@extend_schema(tags=[TAG], parameters=[TASK_ID, COALITION])
class FailedTaskRetryView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": ADMINISTRATOR}
    serializer_class = TaskRetriedSerializer

    @extend_schema(
        operation_id="admin_operations_tasks_retry",
        summary="Taak opnieuw proberen",
        description=(
            "Een mislukte of vastgelopen taak wordt nu nog een keer uitgevoerd (vastgelegd in "
            "de audit trail). Geen invoer nodig."
        ),
        request=None,
        examples=[
            OpenApiExample(
                "Opnieuw ingepland",
                value={
                    "id": TASK_EXAMPLE["id"],
                    "name": "recompute_stale",
                    "detail": "De taak recompute_stale wordt opnieuw uitgevoerd.",
                },
                response_only=True,
            )
        ],
        responses={
            200: TaskRetriedSerializer,
            400: INVALID,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze taak"),
        },
    )
    def post(self, request, pk):
        coalition = self.coalition()
        try:
            row = task_retry(actor=request.user, task_id=pk, coalition=coalition, request=request)
        except DBTaskResult.DoesNotExist:
            if task_exists(pk):
                raise serializers.ValidationError(
                    _("Deze taak is niet mislukt of vastgelopen; opnieuw proberen kan niet.")
                ) from None
            raise exceptions.NotFound(_("Deze taak bestaat niet.")) from None
        detail = _("De taak %(name)s wordt opnieuw uitgevoerd.") % {"name": row.task_name}
        return Response({"id": row.pk, "name": row.task_name, "detail": detail})


@extend_schema(tags=[TAG], parameters=[COALITION])
class FailedMailListView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": ADMINISTRATOR}
    serializer_class = FailedMailSerializer

    @extend_schema(
        operation_id="admin_operations_mails_list",
        summary="E-mails die niet verstuurd zijn",
        description=(
            "E-mails van de coalitie (en e-mails van geen coalitie) die niet verstuurd konden "
            "worden; nieuwste eerst, per pagina van 50. Alleen soort, tijd, pogingen en fout: "
            "adres en tekst staan hier niet, die kunnen gegevens van een gezin bevatten."
        ),
        responses={
            200: FailedMailSerializer(many=True),
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Niet verstuurd", value=MAIL_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        page = self.paginate_queryset(failed_mails(self.coalition()))
        return self.get_paginated_response(FailedMailSerializer(page, many=True).data)


@extend_schema(tags=[TAG], parameters=[PK, COALITION])
class FailedMailRetryView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"POST": ADMINISTRATOR}
    serializer_class = MailRetriedSerializer

    @extend_schema(
        operation_id="admin_operations_mails_retry",
        summary="E-mail opnieuw versturen",
        description=(
            "Een e-mail die niet verstuurd kon worden, wordt nu opnieuw verstuurd (vastgelegd "
            "in de audit trail). Geen invoer nodig."
        ),
        request=None,
        examples=[
            OpenApiExample(
                "Opnieuw verstuurd",
                value={
                    "id": 81,
                    "kind": "Herinnering ketensignalen",
                    "detail": "De e-mail (Herinnering ketensignalen) wordt opnieuw verstuurd.",
                },
                response_only=True,
            )
        ],
        responses={
            200: MailRetriedSerializer,
            403: ADMINISTRATORS_ONLY,
            404: not_found("Deze e-mail"),
        },
    )
    def post(self, request, pk: int):
        try:
            mail = outgoing_mail_retry(
                actor=request.user, mail_pk=pk, coalition=self.coalition(), request=request
            )
        except OutgoingMail.DoesNotExist:
            raise exceptions.NotFound(
                _("Deze e-mail bestaat niet of hoort bij een andere coalitie.")
            ) from None
        kind = mail_kind(mail.label)
        detail = _("De e-mail (%(kind)s) wordt opnieuw verstuurd.") % {"kind": kind}
        return Response({"id": mail.pk, "kind": kind, "detail": detail})


urlpatterns = [
    path(
        "admin/operations/tasks/",
        FailedTaskListView.as_view(),
        name="admin_operations_task_list",
    ),
    path(
        "admin/operations/tasks/<uuid:pk>/retry/",
        FailedTaskRetryView.as_view(),
        name="admin_operations_task_retry",
    ),
    path(
        "admin/operations/mails/",
        FailedMailListView.as_view(),
        name="admin_operations_mail_list",
    ),
    path(
        "admin/operations/mails/<int:pk>/retry/",
        FailedMailRetryView.as_view(),
        name="admin_operations_mail_retry",
    ),
]
