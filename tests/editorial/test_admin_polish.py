"""The dashboard tells editors the publishing rules; the menu starts with pages."""
from django.urls import reverse

from editorial.wagtail_hooks import MENU_ORDER, order_main_menu


def test_dashboard_lists_the_publishing_rules(client, login, editor):
    login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Правила публикации" in html
    assert "таблица без строки заголовков" in html


class Item:
    def __init__(self, name):
        self.name = name


def test_menu_order_pages_first_system_last():
    items = [Item(n) for n in ("settings", "images", "reports", "spravochniki", "explorer", "obrashcheniia", "help")]
    order_main_menu(None, items)
    assert [i.name for i in items] == ["explorer", "spravochniki", "obrashcheniia", "images", "reports",
                                       "settings", "help"]
    assert MENU_ORDER["explorer"] < MENU_ORDER["images"]
