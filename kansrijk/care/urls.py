from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path(
        "gezinnen/<int:pk>/taken/<int:task_pk>/afronden/",
        views.task_complete,
        name="task_complete",
    ),
]

# One family, one plan (issue 7).
from . import views_plan  # noqa: E402

urlpatterns += [
    path("gezinnen/<int:pk>/plan/", views_plan.plan, name="plan"),
    path("gezinnen/<int:pk>/plan/bewerken/", views_plan.plan_edit, name="plan_edit"),
    path("gezinnen/<int:pk>/plan/geschiedenis/", views_plan.plan_history, name="plan_history"),
    path("gezinnen/<int:pk>/plan/besproken/", views_plan.plan_discussed, name="plan_discussed"),
    path("gezinnen/<int:pk>/plan/zorgpunten/nieuw/", views_plan.concern_add, name="concern_add"),
    path(
        "gezinnen/<int:pk>/plan/zorgpunten/<int:concern_pk>/verplaatsen/",
        views_plan.concern_move,
        name="concern_move",
    ),
    path(
        "gezinnen/<int:pk>/plan/zorgpunten/<int:concern_pk>/opgelost/",
        views_plan.concern_resolve,
        name="concern_resolve",
    ),
    path("gezinnen/<int:pk>/plan/doelen/nieuw/", views_plan.goal_add, name="goal_add"),
    path(
        "gezinnen/<int:pk>/plan/doelen/<int:goal_pk>/bewerken/",
        views_plan.goal_edit,
        name="goal_edit",
    ),
    path(
        "gezinnen/<int:pk>/plan/doelen/<int:goal_pk>/afsluiten/",
        views_plan.goal_close,
        name="goal_close",
    ),
    path("gezinnen/<int:pk>/plan/scores/nieuw/", views_plan.score_add, name="score_add"),
    path("gezinnen/<int:pk>/plan/acties/nieuw/", views_plan.action_add, name="action_add"),
    path("gezinnen/<int:pk>/plan/veiligheid/", views_plan.safety_plan, name="safety_plan"),
    path(
        "gezinnen/<int:pk>/plan/veiligheid/toegang/",
        views_plan.safety_grants,
        name="safety_grants",
    ),
    path(
        "gezinnen/<int:pk>/plan/veiligheid/toegang/<int:grant_pk>/intrekken/",
        views_plan.safety_grant_revoke,
        name="safety_grant_revoke",
    ),
    path("gezinnen/<int:pk>/plan/afdrukken/", views_plan.plan_print, name="plan_print"),
]

# Casusregie and warm handovers (issue 7).
from . import views_handovers  # noqa: E402

urlpatterns += [
    path("gezinnen/<int:pk>/overdrachten/", views_handovers.handovers, name="handovers"),
    path(
        "gezinnen/<int:pk>/overdrachten/<int:handover_pk>/afronden/",
        views_handovers.handover_complete,
        name="handover_complete",
    ),
    path(
        "gezinnen/<int:pk>/overdrachten/<int:handover_pk>/intrekken/",
        views_handovers.handover_cancel,
        name="handover_cancel",
    ),
    path("gezinnen/<int:pk>/casusregie/", views_handovers.case_director, name="case_director"),
    path("overdrachten/", views_handovers.handovers_incoming, name="handovers_incoming"),
    path(
        "overdrachten/<int:handover_pk>/",
        views_handovers.handover_incoming,
        name="handover_incoming",
    ),
    path(
        "overdrachten/<int:handover_pk>/accepteren/",
        views_handovers.handover_accept,
        name="handover_accept",
    ),
    path(
        "overdrachten/<int:handover_pk>/afwijzen/",
        views_handovers.handover_decline,
        name="handover_decline",
    ),
    path("beheer/ketenmomenten/", views_handovers.chain_moments, name="chain_moments"),
    path(
        "beheer/ketenmomenten/nieuw/",
        views_handovers.chain_moment_edit,
        name="chain_moment_add",
    ),
    path(
        "beheer/ketenmomenten/<slug:code>/bewerken/",
        views_handovers.chain_moment_edit,
        name="chain_moment_edit",
    ),
]
