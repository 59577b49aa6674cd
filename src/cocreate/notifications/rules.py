"""Permissions: a member reads and changes only their own notifications and preferences."""

import rules


@rules.predicate
def is_recipient(user, notification):
    return notification is not None and user.is_authenticated and notification.recipient_id == user.pk


rules.add_perm("notifications.use", rules.is_authenticated)
rules.add_perm("notifications.manage", rules.is_authenticated & is_recipient)
