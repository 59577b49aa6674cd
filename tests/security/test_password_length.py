"""Promise (issue 15, accounts): passwords have at least 12 characters."""

import pytest
from django.urls import reverse

from cocreate.accounts.models import User

pytestmark = pytest.mark.django_db


def test_passwords_need_at_least_12_characters(client):
    form = {"email": "short@example.org", "display_name": "S", "password1": "k9#Lw2!qZ", "password2": "k9#Lw2!qZ"}
    response = client.post(reverse("account_signup"), form)
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not User.objects.filter(email="short@example.org").exists()
