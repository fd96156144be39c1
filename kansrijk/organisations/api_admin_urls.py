"""The management ("Beheer") API of the organisations app, included by kansrijk/api_urls.py
under the `api` namespace: organisations, memberships, accounts, the audit trail, the
coalition's settings and the failed tasks and mails (issue 12)."""

from . import (
    api_admin_audit,
    api_admin_memberships,
    api_admin_operations,
    api_admin_organisations,
    api_admin_professionals,
    api_coalition_settings,
)

urlpatterns = [
    *api_admin_organisations.urlpatterns,
    *api_admin_memberships.urlpatterns,
    *api_admin_professionals.urlpatterns,
    *api_admin_audit.urlpatterns,
    *api_admin_operations.urlpatterns,
    *api_coalition_settings.urlpatterns,
]
