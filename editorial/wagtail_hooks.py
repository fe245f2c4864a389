"""Admin hooks: publishing rules on every path to the public site, a tidy menu, rules on the dashboard."""
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms_pages import content_checks
from editorial.models import pending_content

# Main menu: pages first, then content groups (reference data, requests...), then media and system.
MENU_ORDER = {"explorer": 0, "images": 60, "documents": 70, "snippets": 80, "reports": 90,
              "settings": 100, "help": 110}
UNLISTED_MENU_POSITION = 50


def safe_next_url(request, default="wagtailadmin_explore_root"):
    """``?next=`` only when it stays on this site (same host, and HTTPS when the request is);
    otherwise the default admin page. Every admin redirect to a request-supplied URL uses this."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(default)


def _problems_html(lines):
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in lines)))


@hooks.register("before_edit_page")
def warn_about_publishing_problems(request, page):
    """Show, on opening the editor, what stops the latest version from being published or approved."""
    if request.method != "GET":
        return None
    lines = content_checks.object_messages(pending_content(page))
    if lines:
        messages.warning(request, format_html(
            "{} {}", _("Эту версию нельзя опубликовать или одобрить, пока не исправлены ошибки доступности:"),
            _problems_html(lines)))
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_with_problems(request, action_type, objects, action_class_instance):
    """Bulk "publish" skips the edit form, so the rules are checked here as well."""
    if action_type != "publish":
        return None
    refused = []
    for obj in objects:
        lines = content_checks.object_messages(pending_content(obj))
        if lines:
            refused.append(f"«{obj}»: " + "; ".join(lines))
    if refused:
        messages.error(request, format_html(
            "{} {}", _("Ничего не опубликовано: у этих страниц есть ошибки доступности."), _problems_html(refused)))
        return redirect(safe_next_url(request))
    return None


@hooks.register("construct_main_menu")
def order_main_menu(request, menu_items):
    positions = {id(item): index for index, item in enumerate(menu_items)}
    menu_items.sort(key=lambda item: (MENU_ORDER.get(item.name, UNLISTED_MENU_POSITION), positions[id(item)]))


class PublishingRulesPanel(Component):
    """The publishing rules, on the dashboard, so editors know them before they are refused."""

    name = "publishing_rules"
    order = 50
    template_name = "editorial/publishing_rules_panel.html"


@hooks.register("construct_homepage_panels")
def add_publishing_rules_panel(request, panels):
    panels.append(PublishingRulesPanel())


@hooks.register("construct_wagtail_userbar")
def publishing_checks_in_the_checker(request, items, page=None):
    """The publishing checks also run in Wagtail's accessibility checker (editorial/checker.py)."""
    from editorial.checker import replace_checker

    replace_checker(request, items, page)
