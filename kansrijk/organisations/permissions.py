"""Role checks for management pages.

Roles are per membership and so per coalition: someone who coordinates coalition A is an
ordinary professional in coalition B. A page that needs a role checks it in the coalition the
professional is working in now (`request.active`).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied


def role_required(*roles: str):
    """Allow the view when the professional has any of `roles` in the active coalition."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.active.coalition is None or not (request.active.roles & set(roles)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
