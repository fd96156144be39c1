"""The caller's own notifications through the API, as on the page `core:notifications`.

`GET /api/v1/notifications/` lists them, newest first, a page of 50 (`?unread=true` for the
unread ones only, with the number of unread ones in every page); `POST
/api/v1/notifications/{id}/read/` marks one read and `POST /api/v1/notifications/read-all/`
all of them. Only the recipient's notifications are ever read or changed: another person's
id is "not found". Reading one again keeps the time it was first read.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Notification

EXAMPLE = {
    "id": 7,
    "text": "Er is een overdracht voor je klaargezet bij gezin KS-2026-0012.",
    "link": "/gezinnen/12/",
    "coalition": {"id": 1, "name": "Kansrijke Start Eerstedorp"},
    "created_at": "2026-11-20T09:15:00+01:00",
    "read_at": None,
    "is_read": False,
}


class NotificationCoalitionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class NotificationSerializer(serializers.ModelSerializer):
    """One notification: its text, the page it leads to, and whether it was read."""

    coalition = NotificationCoalitionSerializer(
        allow_null=True, help_text="De coalitie waar de melding over gaat, of null."
    )
    is_read = serializers.BooleanField(help_text="Of de melding gelezen is.")

    class Meta:
        model = Notification
        fields = ["id", "text", "link", "coalition", "created_at", "read_at", "is_read"]


def own_notifications(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


class NotificationPagination(PageNumberPagination):
    """Pages of notifications that also give the number of unread ones."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["unread"] = own_notifications(self.request.user).unread().count()
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["unread"] = {
            "type": "integer",
            "example": 3,
            "description": "Het aantal ongelezen meldingen.",
        }
        paginated["required"] = [*paginated.get("required", []), "unread"]
        return paginated


@extend_schema(tags=["meldingen"])
class NotificationListView(generics.ListAPIView):
    """The caller's notifications, newest first."""

    serializer_class = NotificationSerializer
    pagination_class = NotificationPagination

    def get_queryset(self) -> QuerySet[Notification]:
        notifications = own_notifications(self.request.user).select_related("coalition")
        if self.request.query_params.get("unread", "").lower() in ("true", "1", "ja"):
            notifications = notifications.unread()
        return notifications

    @extend_schema(
        summary="Je meldingen",
        description=(
            "Je eigen meldingen, nieuwste eerst, per pagina van 50. Met `unread=true` alleen "
            "de ongelezen. `unread` in het antwoord is het aantal ongelezen meldingen."
        ),
        parameters=[
            OpenApiParameter("unread", OpenApiTypes.BOOL, description="Alleen ongelezen meldingen.")
        ],
        responses={
            200: OpenApiResponse(
                NotificationSerializer(many=True),
                description="Een pagina meldingen.",
                examples=[OpenApiExample("Overdracht", value=EXAMPLE)],
            )
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["meldingen"])
class NotificationReadView(APIView):
    """Mark one of the caller's notifications read."""

    @extend_schema(
        summary="Melding gelezen",
        description="Markeert je melding als gelezen; een melding die al gelezen was, blijft "
        "haar eerste leestijd houden. De melding van een ander bestaat niet voor jou (404).",
        request=None,
        responses={
            200: OpenApiResponse(NotificationSerializer, description="De melding."),
            404: OpenApiResponse(description="Geen melding van jou met dit nummer."),
        },
    )
    def post(self, request, pk: int):
        own = own_notifications(request.user)
        own.filter(pk=pk).mark_read()
        notification = get_object_or_404(own.select_related("coalition"), pk=pk)
        return Response(NotificationSerializer(notification).data)


@extend_schema(tags=["meldingen"])
class NotificationsReadAllView(APIView):
    """Mark all of the caller's notifications read."""

    @extend_schema(
        summary="Alle meldingen gelezen",
        description="Markeert al je ongelezen meldingen als gelezen.",
        request=None,
        responses={
            200: inline_serializer(
                "NotificationsMarkedRead",
                {"marked": serializers.IntegerField(help_text="Zoveel waren nog ongelezen.")},
            )
        },
    )
    def post(self, request):
        return Response({"marked": own_notifications(request.user).mark_read()})


# Included by kansrijk/api_urls.py under the `api` namespace.
urlpatterns = [
    path("notifications/", NotificationListView.as_view(), name="notification_list"),
    path("notifications/<int:pk>/read/", NotificationReadView.as_view(), name="notification_read"),
    path(
        "notifications/read-all/",
        NotificationsReadAllView.as_view(),
        name="notification_read_all",
    ),
]
