"""API URLs of the landscape's write API: the improvement agreements (`api_write`), the
partnerships and the central reporting points (`api_write_landscape`); included in
`kansrijk/api_urls.py` under the `api` namespace."""

from django.urls import path

from . import api_write, api_write_landscape

AGREEMENTS = "klantroute/afspraken/"
PARTNERSHIPS = "regio/landschap/samenwerkingsverbanden/"
POINTS = "regio/landschap/meldpunten/"

urlpatterns: list = [
    path(AGREEMENTS, api_write.AgreementListView.as_view(), name="agreement_list"),
    path(
        AGREEMENTS + "<int:pk>/", api_write.AgreementDetailView.as_view(), name="agreement_detail"
    ),
    path(PARTNERSHIPS, api_write_landscape.PartnershipListView.as_view(), name="partnership_list"),
    path(
        PARTNERSHIPS + "<int:pk>/",
        api_write_landscape.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path(POINTS, api_write_landscape.CentralPointListView.as_view(), name="central_point_list"),
    path(
        POINTS + "<int:pk>/",
        api_write_landscape.CentralPointDetailView.as_view(),
        name="central_point_detail",
    ),
]
