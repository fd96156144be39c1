"""Financing's pages: the rules per year, the family's financing view and kraamzorg
calculator, and the coalition's business cases."""

from . import urls_business, urls_family, urls_kraamzorg, urls_rules

app_name = "financing"
urlpatterns = [
    *urls_rules.urlpatterns,
    *urls_family.urlpatterns,
    *urls_kraamzorg.urlpatterns,
    *urls_business.urlpatterns,
]
