"""The Django admin wears the product's name and colours, not Django's."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse


def test_admin_pages_carry_the_product_name_in_heading_and_tab(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("admin:index")).content.decode()
    assert f"{settings.SERVICE_NAME} administration</a>" in page
    assert f"<title>Boards, people and memberships | {settings.SERVICE_NAME} administration" in page
    assert "Django administration" not in page and "Django site admin" not in page


def test_admin_sign_in_page_is_branded_too(client, db):
    page = client.get(reverse("admin:login")).content.decode()
    assert f"{settings.SERVICE_NAME} administration" in page
    assert "css/admin.css" in page


def test_admin_stylesheet_sets_the_product_colours_for_light_and_dark_themes():
    css = Path(finders.find("css/admin.css")).read_text()
    # The product's purple replaces Django's blue header and yellow site name.
    assert "--header-bg: #5a2d82;" in css
    assert "--header-branding-color: #ffffff;" in css
    assert 'html[data-theme="dark"]' in css and "prefers-color-scheme: dark" in css
