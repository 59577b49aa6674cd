"""Event handlers of this context (subscribed on app ready)."""
