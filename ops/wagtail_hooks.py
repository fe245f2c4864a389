"""Wagtail hooks of ops: mark page responses for the render cache (ops/render_cache.py)."""
from wagtail import hooks

from ops.render_cache import mark_page

hooks.register("before_serve_page", mark_page)
