def active_coalition(request):
    return {"active": getattr(request, "active", None)}
