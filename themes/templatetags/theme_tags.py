"""Template tags for the site chrome: language switcher, alternates, main menu, theme files, forms."""
from django import template
from django.conf import settings
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from ops.render_cache import current_generation, memo

register = template.Library()


def _page_url_in(page, code, request=None):
    """The page's URL in language ``code``: for every language at once, once per generation, site
    and page (a publish or move starts a new one); in a preview (the draft's own slug) or without
    a render-cache token, this language's only, every time."""
    site = getattr(request, "_wagtail_site", None)
    if site is None or not page.pk or getattr(request, "is_preview", False) or current_generation() is None:
        return _url_in(page, code, request)
    return memo(("page_urls", site.pk, page.pk),
                lambda: {language: _url_in(page, language, request) for language, _name in settings.LANGUAGES})[code]


def _url_in(page, code, request):
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
    current = context.get("page")
    items = []
    for pk, path, depth, title, url in _menu_pages(site):
        state = None
        if isinstance(current, Page):
            if current.pk == pk:
                state = "page"
            elif current.path.startswith(path) and current.depth > depth:
                state = "true"
        items.append({"title": title, "url": url, "current": state})
    return {"items": items}


def _menu_pages(site):
    """(pk, path, depth, title, url) of the site's menu pages in this language, once per publish
    (ops.render_cache.memo; every request without a render cache token)."""
    if site is None:
        return []

    def load():
        return [(p.pk, p.path, p.depth, p.title, p.url) for p in site.root_page.get_children().live().in_menu()]

    return memo(("menu", site.pk, translation.get_language()), load)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """includes/footer.html, rendered once per generation, site and language: it shows only the
    hotline and the callback time (a setting and a routing rule, both watched) and fixed links."""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None)  # set by the render cache for a public GET

    def render():
        with context.push():  # as {% include %}: what the footer assigns stays in it
            return mark_safe(get_template("includes/footer.html").template.render(context))

    if site is None or getattr(request, "is_preview", False):
        return render()
    return memo(("footer", site.pk, translation.get_language()), render)


@register.inclusion_tag("includes/breadcrumbs_list.html", takes_context=True)
def breadcrumbs(context):
    """The page's ancestors below the root as (title, url), once per publish and language
    (ops.render_cache.memo: a publish, move or delete starts a new generation)."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"page": page, "crumbs": []}

    def load():
        return [(ancestor.title, ancestor.url) for ancestor in page.get_ancestors() if ancestor.depth > 1]

    if getattr(context.get("request"), "is_preview", False) or not page.pk:
        return {"page": page, "crumbs": load()}  # an editor's draft: its own (moved?) place
    return {"page": page, "crumbs": memo(("breadcrumbs", page.pk, translation.get_language()), load)}


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


@register.simple_tag
def theme_static(path):
    """A static file of the active theme: themes other than "default" live under "<theme>/"."""
    from themes.context_processors import active_theme

    name = active_theme()
    return static(path if name == "default" else f"{name}/{path}")


@register.simple_tag
def optional_url(name, *args):
    """reverse() that gives "" instead of an error, for links to apps that may not be installed."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def theme_image(context, image, spec="width-800", alt=None, css_class=""):
    """An image that respects the low-vision "images off" setting by showing its alt text.

    ``alt`` defaults to the ImageBlock's contextual alt text, then the image title; "" = decorative.
    """
    if image is None:
        return ""
    if alt is None:
        if getattr(image, "decorative", False):
            alt = ""
        else:
            alt = getattr(image, "contextual_alt_text", None) or getattr(image, "default_alt_text", None) or ""
    state = context.get("low_vision")
    if state is not None and state.images_off:
        if not alt:
            return ""
        return format_html('<span class="image-alt-text">{}</span>', alt)
    rendition = image.get_rendition(spec)
    attrs = {"alt": alt}
    if css_class:
        attrs["class"] = css_class
    return rendition.img_tag(attrs)


# ---- form fields (see docs/forms.md) -------------------------------------------------------

def _describedby(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def field_widget(field, css_class=""):
    """Render a field's widget with aria-describedby (hint, error) and the error class."""
    attrs = {}
    classes = [css_class] if css_class else []
    existing = field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    if field.errors:
        classes.append("input--error")
        attrs["aria-invalid"] = "true"
    if classes:
        attrs["class"] = " ".join(classes)
    describedby = _describedby(field)
    if describedby:
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


@register.simple_tag
def field_describedby(field):
    return _describedby(field)


@register.filter
def field_kind(field):
    """"radios", "checkboxes", "checkbox", "select", "textarea" or "input", for the field include."""
    from django import forms

    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a RadioSelect subclass: test it first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


@register.filter
def first_input_id(field):
    """The id the error summary links to: the first radio/checkbox of a group, else the field."""
    kind = field_kind(field)
    if kind in ("radios", "checkboxes"):
        subwidgets = list(field.subwidgets)
        if subwidgets:
            return subwidgets[0].id_for_label
    return field.id_for_label or field.auto_id


@register.inclusion_tag("includes/publishing_problems.html", takes_context=True)
def publishing_problem_markers(context):
    """In an editor's preview only: one marker per problem the publishing check would refuse, for the
    editor's accessibility checker (editorial/checker.py). Nothing on the public site."""
    request = context.get("request")
    page = context.get("page")
    if request is None or not getattr(request, "is_preview", False) or page is None:
        return {"problems": []}
    from cms_pages import content_checks

    problems = []
    report = content_checks.object_problems(page)
    for field in content_checks.checked_fields(type(page)):
        for problem in report.get(field.name, []):
            problems.append({"kind": problem.kind, "message": problem.message,
                             "field": content_checks.capfirst_str(field.verbose_name)})
    for problem in report.get(content_checks.WORKED_EXAMPLE, []):
        problems.append({"kind": problem.kind, "message": problem.message,
                         "field": translation.gettext("Пример расчёта")})
    return {"problems": problems}
