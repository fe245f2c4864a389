"""Extra sections of the citizen's status page (``/<lang>/requests/status/``), contributed by
other apps without this app knowing their models.

An app registers a callable once, from its ``AppConfig.ready()``::

    from cases import status_sections

    def connection_stages(case, request):
        application = ...  # the app's own lookup by case
        if application is None:
            return None                    # nothing to add for this case
        return "my_app/status_section.html", {"application": application}

    status_sections.register(connection_stages)

The callable receives the case (already checked: the visitor gave its reference and access code)
and the request, and returns ``None``, a ``(template_name, context)`` pair, or HTML that is
already safe. ``sections_for`` renders them in registration order, in the visitor's language.
A section that fails is logged and left out: one app's bug never costs the citizen the page.
"""
import logging

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

log = logging.getLogger(__name__)

_sections = []


def register(section):
    """Add ``section(case, request)``; registering the same callable twice adds it once.
    Returns the callable, so it works as a decorator."""
    if section not in _sections:
        _sections.append(section)
    return section


def unregister(section):
    if section in _sections:
        _sections.remove(section)


def sections_for(case, request):
    """The rendered HTML of every registered section that has something for ``case``."""
    rendered = []
    for section in list(_sections):
        try:
            result = section(case, request)
            if result is None:
                continue
            if isinstance(result, tuple):
                template_name, context = result
                html = render_to_string(template_name, {"case": case, **context}, request=request)
            elif isinstance(result, SafeString):
                html = result
            else:
                raise TypeError("a status section returns None, (template, context) or safe HTML")
        except Exception:
            log.exception("status page section %r failed", getattr(section, "__qualname__", section))
            continue
        if html.strip():
            rendered.append(mark_safe(html))
    return rendered
