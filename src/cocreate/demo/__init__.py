"""The demo community behind `manage.py seed_demo`: text banks (texts.py), Pillow drawings (drawings.py) and the
builder that plans a deterministic community and writes it (builder.py)."""
