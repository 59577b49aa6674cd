from .selectors import unread_count


def unread(request):
    """`unread_notifications` for the header: one COUNT query, and only for signed-in members."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
