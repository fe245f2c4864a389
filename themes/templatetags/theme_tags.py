"""Template tags for the site chrome: language switcher, alternates, main menu."""
from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

register = template.Library()


def _page_url_in(page, code, request=None):
    with translation.override(code):
        parts = page.get_url_parts(request)
        return parts[2] if parts else None


@register.simple_tag(takes_context=True)
def language_alternates(context):
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return ""
    links = []
    for code, _name in settings.LANGUAGES:
        url = _page_url_in(page, code, request)
        if url and request:
            links.append((request.build_absolute_uri(url), code))
    return format_html_join("\n", '<link rel="alternate" hreflang="{1}" href="{0}">', links)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    page = context.get("page")
    request = context.get("request")
    current = translation.get_language()
    options = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = _page_url_in(page, code, request) if isinstance(page, Page) else None
        if not url:
            path = request.path if request else "/"
            url = translation.get_language_info(code) and _swap_prefix(path, code)
        with translation.override(code):
            options.append({"code": code, "name": translation.gettext(str(name)), "url": url})
    return {"options": options}


def _swap_prefix(path, code):
    parts = path.split("/")
    if len(parts) > 1 and parts[1] in dict(settings.LANGUAGES):
        parts[1] = code
        return "/".join(parts)
    return f"/{code}/"


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = site.root_page.get_children().live().in_menu() if site else Page.objects.none()
    current = context.get("page")
    return {"items": items, "current": current}


@register.filter
def lang_attr(value_lang):
    return mark_safe(f' lang="{value_lang}"') if value_lang else ""


@register.simple_tag
def field_lang(obj, field_name):
    """' lang="ru"' when an English page shows a field that fell back to Russian."""
    current = translation.get_language()
    if current == settings.LANGUAGE_CODE:
        return ""
    own = getattr(obj, f"{field_name}_{current}", None)
    if own in (None, "", []) or (hasattr(own, "__len__") and len(own) == 0):
        return format_html(' lang="{}"', settings.LANGUAGE_CODE)
    return ""
