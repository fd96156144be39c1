"""The family portal ("Mijn gezin", under /mijn/) and the professionals' side of it
(inviting family members, answering their questions about accesses)."""

from . import urls_choices, urls_login, urls_plan

app_name = "portal"
urlpatterns = [
    *urls_login.urlpatterns,
    *urls_plan.urlpatterns,
    *urls_choices.urlpatterns,
]
