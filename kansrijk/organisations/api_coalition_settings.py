"""The coalition's settings through the API, as on the page (`views_settings.coalition_settings`):
the retention period of closed family files.

- coordinators of the coalition only (api_admin_common); another coalition is "not found";
- the value is checked by the page's form (`CoalitionSettingsForm`: 1 to 100 years, its Dutch
  messages) and stored by `services.coalition_set_retention`, which writes the audit trail;
- shortening the period can make closed files be anonymised sooner and cannot be undone, so
  the page asks for a confirmation with the number of files concerned. Here a shorter value
  without `confirmed: true` is refused (400) with those numbers in the message; the GET shows
  how many files the next run anonymises with the current period.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from kansrijk.core.api_errors import drf_validation_error

from . import services
from .api_admin_common import (
    COALITION,
    COORDINATOR,
    COORDINATORS_ONLY,
    INVALID,
    ManageViewMixin,
    form_errors,
    not_found,
)
from .forms import CoalitionSettingsForm
from .models import Coalition
from .views_settings import files_due_for_anonymisation

TAG = "coalitie-instellingen"


class CoalitionSettingsSerializer(serializers.Serializer):
    coalition = serializers.IntegerField()
    retention_years = serializers.IntegerField(
        help_text="Zoveel jaar na het sluiten van een dossier worden de persoonsgegevens "
        "geanonimiseerd."
    )
    files_due_for_anonymisation = serializers.IntegerField(
        help_text="Zoveel gesloten dossiers anonimiseert de volgende run met deze termijn."
    )


class CoalitionSettingsWriteSerializer(serializers.Serializer):
    retention_years = serializers.IntegerField(required=False, min_value=-32768, max_value=32767)
    confirmed = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Nodig bij een kortere bewaartermijn: gesloten dossiers worden dan eerder "
        "geanonimiseerd, en dat kan niet ongedaan worden gemaakt.",
    )


def _settings(coalition: Coalition) -> dict:
    return {
        "coalition": coalition.pk,
        "retention_years": coalition.retention_years,
        "files_due_for_anonymisation": files_due_for_anonymisation(
            coalition, coalition.retention_years
        ),
    }


def _not_confirmed(coalition: Coalition, years: int) -> serializers.ValidationError:
    current = coalition.retention_years
    due = files_due_for_anonymisation(coalition, years)
    text = ngettext(
        "Je verkort de bewaartermijn van %(current)s naar %(years)s jaar: dan wordt bij de "
        "volgende run %(due)s dossier van deze coalitie geanonimiseerd, en dat kan niet "
        "ongedaan worden gemaakt. Stuur confirmed: true mee om dit te bevestigen.",
        "Je verkort de bewaartermijn van %(current)s naar %(years)s jaar: dan worden bij de "
        "volgende run %(due)s dossiers van deze coalitie geanonimiseerd, en dat kan niet "
        "ongedaan worden gemaakt. Stuur confirmed: true mee om dit te bevestigen.",
        due,
    ) % {"current": current, "years": years, "due": due}
    return serializers.ValidationError({"confirmed": [text]})


EXAMPLE = {"coalition": 1, "retention_years": 20, "files_due_for_anonymisation": 0}


@extend_schema(tags=[TAG], parameters=[COALITION])
class CoalitionSettingsView(ManageViewMixin, generics.GenericAPIView):
    permissions_by_method = {"GET": COORDINATOR, "PATCH": COORDINATOR}
    serializer_class = CoalitionSettingsSerializer

    @extend_schema(
        operation_id="coalition_settings_retrieve",
        summary="Instellingen van de coalitie",
        description="De bewaartermijn van gesloten dossiers. Voor coördinatoren.",
        responses={
            200: CoalitionSettingsSerializer,
            403: COORDINATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
        examples=[OpenApiExample("Twintig jaar", value=EXAMPLE, response_only=True)],
    )
    def get(self, request):
        return Response(_settings(self.coalition()))

    @extend_schema(
        operation_id="coalition_settings_partial_update",
        summary="Bewaartermijn wijzigen",
        description=(
            "Een heel getal van 1 tot en met 100 jaar. Een kortere termijn dan nu wordt alleen "
            "opgeslagen met `confirmed: true`; zonder geeft het antwoord (400) hoeveel dossiers "
            "de volgende run dan anonimiseert. De oude en nieuwe waarde komen in de audittrail."
        ),
        request=CoalitionSettingsWriteSerializer,
        examples=[
            OpenApiExample(
                "Verkorten, bevestigd",
                value={"retention_years": 15, "confirmed": True},
                request_only=True,
            )
        ],
        responses={
            200: CoalitionSettingsSerializer,
            400: INVALID,
            403: COORDINATORS_ONLY,
            404: not_found("Deze coalitie"),
        },
    )
    def patch(self, request):
        coalition = self.coalition()
        sent = CoalitionSettingsWriteSerializer(data=request.data)
        sent.is_valid(raise_exception=True)
        years = sent.validated_data.get("retention_years", coalition.retention_years)
        form = CoalitionSettingsForm({"retention_years": years})
        if not form.is_valid():
            raise form_errors(form)
        years = form.cleaned_data["retention_years"]
        if years < coalition.retention_years and not sent.validated_data["confirmed"]:
            raise _not_confirmed(coalition, years)
        try:
            coalition = services.coalition_set_retention(
                actor=request.user, coalition=coalition, retention_years=years, request=request
            )
        except DjangoValidationError as error:
            raise drf_validation_error(error) from None
        return Response(_settings(coalition))


urlpatterns = [
    path("coalition-settings/", CoalitionSettingsView.as_view(), name="coalition_settings_detail"),
]
