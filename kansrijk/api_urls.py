"""The REST API, version 1. Every app adds its endpoints here."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from kansrijk.care import api as care_api
from kansrijk.care import api_plan as care_plan_api
from kansrijk.core.api_docs import ApiDocsView
from kansrijk.families.api import FamilyAccessLogView, FamilyViewSet
from kansrijk.financing import api_urls as financing_api_urls
from kansrijk.interop import api_urls as interop_api_urls
from kansrijk.landscape import api_urls as landscape_api_urls
from kansrijk.landscape import api_write_urls as landscape_write_api_urls
from kansrijk.mdo import api as mdo_api
from kansrijk.monitoring import api_urls as monitoring_api_urls
from kansrijk.organisations.api import MeView
from kansrijk.signaling.api import (
    AssessmentRouteView,
    FamilyAssessmentsView,
    InstrumentDetailView,
    InstrumentListView,
)
from kansrijk.socialmap import api_urls as socialmap_api_urls
from kansrijk.worklist import api as worklist_api

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    path("me/", MeView.as_view(), name="me"),
    path(
        "families/",
        FamilyViewSet.as_view({"get": "list", "post": "create"}),
        name="family_list",
    ),
    path(
        "families/<int:pk>/",
        FamilyViewSet.as_view({"get": "retrieve", "put": "update", "patch": "partial_update"}),
        name="family_detail",
    ),
    path(
        "families/<int:pk>/access-log/",
        FamilyAccessLogView.as_view(),
        name="family_access_log",
    ),
    path(
        "families/<int:pk>/assessments/",
        FamilyAssessmentsView.as_view(),
        name="assessment_list",
    ),
    path(
        "families/<int:pk>/assessments/<int:assessment_pk>/route/",
        AssessmentRouteView.as_view(),
        name="assessment_route",
    ),
    path("instruments/", InstrumentListView.as_view(), name="instrument_list"),
    path("instruments/<slug:key>/", InstrumentDetailView.as_view(), name="instrument_detail"),
    # Care team, casusregie and handovers; the plan, goals and tasks; chain signals (issue 7).
    path("", include(care_api.urlpatterns)),
    path("", include(care_plan_api.urlpatterns)),
    path("", include(worklist_api.urlpatterns)),
    # MDO series, meetings, agenda items and decisions (issue 8).
    # The MDO series (reading, setting up, changing, planning meetings), then the meetings.
    path("", include("kansrijk.mdo.api_series_urls")),
    path("", include(mdo_api.urlpatterns)),
    # The social map (HSDS-shaped, read-only) and referrals (issue 9).
    path("", include(socialmap_api_urls.urlpatterns)),
    path("", include(financing_api_urls.urlpatterns)),
    path("", include(monitoring_api_urls.urlpatterns)),
    # The klantroute and the regional landscape (issue 15).
    path("", include(landscape_api_urls.urlpatterns)),
    # Writing agreements, partnerships and central reporting points (issue 12).
    path("", include(landscape_write_api_urls.urlpatterns)),
    # FHIR R4 exchange of the family file and screening (issue 12).
    path("", include(interop_api_urls.urlpatterns)),
]
# Registering webhooks (issue 12), and the municipalities of the caller's coalitions.
urlpatterns += [path("", include("kansrijk.interop.api_webhooks_urls"))]
urlpatterns += [path("", include("kansrijk.organisations.api_municipalities"))]
# A year's figures, insurers' exceptions and compensation routes (issue 12).
urlpatterns += [path("", include("kansrijk.financing.api_urls_rules_more"))]
# Managing an MDO: standing participants, guests, attendance, the agenda (issue 12).
urlpatterns += [path("", include("kansrijk.mdo.api_manage_urls"))]
# The caller's own notifications (issue 12).
urlpatterns += [path("", include("kansrijk.core.api_notifications"))]
# A family's consents, closing and reopening its file (issue 12).
urlpatterns += [path("", include("kansrijk.families.api_lifecycle"))]
# A family's persons and pregnancies, a birth (issue 12).
urlpatterns += [path("", include("kansrijk.families.api_people"))]
# The work queue's actions on a family: a JGZ contact, the after-care agreement (issue 12).
urlpatterns += [path("", include("kansrijk.worklist.api_actions"))]
# Saving a family's kraamzorg calculation (issue 12).
urlpatterns += [path("", include("kansrijk.financing.api_kraamzorg_write"))]
# Changing an MDO meeting, an item's discussion, the minutes (issue 12).
urlpatterns += [path("", include("kansrijk.mdo.api_meeting_write_urls"))]
# A coalition's route steps and instruments in use (coordinators).
urlpatterns += [path("", include("kansrijk.signaling.api_config"))]
# A coalition's chain moments (coordinators).
urlpatterns += [path("", include("kansrijk.care.api_config"))]
# A coalition's chain-signal settings (coordinators).
urlpatterns += [path("", include("kansrijk.worklist.api_config"))]
# Copying a year's financing, loading the shipped figures (issue 12).
urlpatterns += [path("", include("kansrijk.financing.api_rules_years"))]
# A family's timeline and the history of its data (issue 12).
urlpatterns += [path("", include("kansrijk.families.api_timeline"))]
# One screening of a family: reading it, keeping or finishing a draft, discarding it (issue 12).
urlpatterns += [path("", include("kansrijk.signaling.api_drafts"))]
# The read-only overviews: signaling, referrals per service, an MDO series (issue 12).
urlpatterns += [path("", include("kansrijk.signaling.api_overview"))]
urlpatterns += [path("", include("kansrijk.socialmap.api_referral_overview"))]
urlpatterns += [path("", include("kansrijk.mdo.api_overview"))]
# The family portal, professionals' side: inviting family members, their questions (issue 12).
urlpatterns += [path("", include("kansrijk.portal.api_invite"))]
urlpatterns += [path("", include("kansrijk.portal.api_questions"))]
# Management: organisations, memberships, accounts, the audit trail, coalition settings (issue 12).
urlpatterns += [path("", include("kansrijk.organisations.api_admin_urls"))]
# Sign-on providers (administrators) and the caller's own API tokens (issue 12).
urlpatterns += [path("", include("kansrijk.access.api_admin_urls"))]
# The coalition's access log and emergency access (break-the-glass) (issue 12).
urlpatterns += [path("", include("kansrijk.families.api_privacy"))]
# Inzage and erasure on request (issue 12).
urlpatterns += [path("", include("kansrijk.interop.api_erasure"))]
# The indicators' definitions, the export and the federation: publishing, importing, the
# region's and the national figures (issue 12).
urlpatterns += [path("", include("kansrijk.monitoring.api_definitions"))]
urlpatterns += [path("", include("kansrijk.monitoring.api_federation"))]
urlpatterns += [path("", include("kansrijk.monitoring.api_export"))]
# The MDO meetings a family can be submitted for (issue 12).
urlpatterns += [path("", include("kansrijk.mdo.api_submit"))]
