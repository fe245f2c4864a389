"""Create-or-update machinery for the demo content: pages as published revisions, found again by key.

Content modules describe pages as ``PageSpec`` objects with bilingual values (``T(ru, en)``) and
references to other demo pages (``Ref(key)`` or ``{ref:key}`` inside rich text). Loading runs in
two passes so pages may refer to each other: first every page exists, then each is filled and
published as a revision. A page whose content has not changed since the last run is left alone,
so a second run changes nothing (same counts, no extra revisions).
"""
import datetime
import decimal
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import models
from wagtail.models import Page

from demo.models import DemoObject

REF_RE = re.compile(r"\{ref:([\w/.-]+)\}")


class T(NamedTuple):
    """A value in Russian and English: expanded to ``<field>_ru`` and ``<field>_en``."""

    ru: Any
    en: Any


@dataclass(frozen=True)
class Ref:
    """Another demo page, by key: resolved to its id (in streams) or instance (foreign keys)."""

    key: str


@dataclass
class PageSpec:
    key: str
    model: type
    parent: str | None  # key of the parent page; None: the tree root
    fields: dict
    children: dict = field(default_factory=dict)  # relation name -> list of field dicts

    @property
    def slug_ru(self):
        slug = self.fields["slug"]
        return slug.ru if isinstance(slug, T) else slug


def expand(fields):
    """``{"title": T("…", "…")}`` -> ``{"title_ru": "…", "title_en": "…"}``."""
    out = {}
    for name, value in fields.items():
        if isinstance(value, T):
            out[f"{name}_ru"], out[f"{name}_en"] = value.ru, value.en
        else:
            out[name] = value
    return out


def _stable(value):
    """A JSON-able form of a spec value, for the digest."""
    if isinstance(value, T):
        return {"ru": _stable(value.ru), "en": _stable(value.en)}
    if isinstance(value, Ref):
        return f"ref:{value.key}"
    if isinstance(value, models.Model):
        return f"{value._meta.label}:{value.pk}"
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def digest(*parts):
    data = json.dumps([_stable(p) for p in parts], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class Loader:
    def __init__(self, user=None, force=False, log=None):
        self.user = user
        self.force = force
        self.pages = {}  # key -> specific page
        self.stats = {"created": 0, "published": 0, "unchanged": 0}
        self.log = log or (lambda message: None)
        self._records = {o.key: o for o in DemoObject.objects.all()}

    # ------------------------------------------------------------ references

    def _ref_id(self, key, strict):
        page = self.pages.get(key)
        if page is None:
            if strict:
                raise KeyError(f"Demo page {key!r} is referred to but not defined")
            return Page.get_first_root_node().pk  # placeholder until the second pass
        return page.pk

    def resolve(self, value, strict=True, as_instance=False):
        if isinstance(value, Ref):
            if as_instance:
                return self.pages.get(value.key) if not strict else self.pages[value.key]
            return self._ref_id(value.key, strict)
        if isinstance(value, str):
            return REF_RE.sub(lambda m: str(self._ref_id(m.group(1), strict)), value)
        if isinstance(value, dict):
            return {k: self.resolve(v, strict) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, strict) for v in value]
        return value

    def _field_values(self, spec, strict):
        values = {}
        for name, value in expand(spec.fields).items():
            if isinstance(value, Ref):  # a foreign key to a page
                values[name] = self.resolve(value, strict=strict, as_instance=True)
            else:
                values[name] = self.resolve(value, strict)
        return values

    def _children(self, spec, page, strict):
        for relation, rows in spec.children.items():
            child_model = page._meta.get_field(relation).related_model
            setattr(page, relation, [child_model(**self.resolve(expand(row), strict)) for row in rows])

    # ------------------------------------------------------------ pages

    def _find(self, spec):
        record = self._records.get(spec.key)
        if record:
            page = Page.objects.filter(pk=record.object_id).first()
            if page is not None:
                return page.specific
        if spec.parent is None:
            return spec.model.objects.first()
        parent = self.pages[spec.parent]
        page = parent.get_children().filter(slug_ru=spec.slug_ru).first()
        return page.specific if page is not None else None

    def ensure(self, specs):
        """First pass: every page exists (new ones as drafts), so references can be resolved."""
        for spec in specs:
            page = self._find(spec)
            if page is not None and not isinstance(page, spec.model):
                raise TypeError(f"{spec.key}: the page at this place is a {type(page).__name__}")
            if page is None:
                page = spec.model(**self._field_values(spec, strict=False))
                page.live = False
                self._children(spec, page, strict=False)
                parent = self.pages[spec.parent] if spec.parent else Page.get_first_root_node()
                parent.add_child(instance=page)
                self.stats["created"] += 1
            self.pages[spec.key] = page

    def publish(self, specs):
        """Second pass: fill each page and publish it as a revision, unless nothing changed."""
        for spec in specs:
            page = self.pages[spec.key]
            referred = self._referred_keys(spec)
            fingerprint = digest(spec.model.__name__, spec.fields, spec.children,
                                 {k: self.pages[k].pk for k in sorted(referred) if k in self.pages})
            record = self._records.get(spec.key)
            if (not self.force and record and record.digest == fingerprint and record.object_id == page.pk
                    and page.live and not page.has_unpublished_changes):
                self.stats["unchanged"] += 1
                continue
            for name, value in self._field_values(spec, strict=True).items():
                setattr(page, name, value)
            self._children(spec, page, strict=True)
            revision = page.save_revision(user=self.user, log_action=True)
            revision.publish(user=self.user)
            page = self.pages[spec.key] = type(page).objects.get(pk=page.pk)
            self.stats["published"] += 1
            self._remember(spec.key, page, fingerprint)

    @staticmethod
    def _referred_keys(spec):
        text = json.dumps([_stable(spec.fields), _stable(spec.children)], ensure_ascii=False)
        return set(re.findall(r'ref:([\w/.-]+)', text))

    def _remember(self, key, obj, fingerprint):
        record, _created = DemoObject.objects.update_or_create(
            key=key, defaults={"model": obj._meta.label, "object_id": obj.pk, "digest": fingerprint})
        self._records[key] = record

    # ------------------------------------------------------------ snippets with revisions

    def publish_snippet(self, key, model, lookup, fields):
        """A draft-state snippet (alert banner): created or updated, published as a revision."""
        values = {name: self.resolve(v, as_instance=isinstance(v, Ref)) for name, v in expand(fields).items()}
        fingerprint = digest(model.__name__, fields)
        record = self._records.get(key)
        obj = model.objects.filter(pk=record.object_id).first() if record else None
        obj = obj or model.objects.filter(**lookup).first()
        if (obj is not None and not self.force and record and record.digest == fingerprint
                and obj.live and not obj.has_unpublished_changes):
            self.stats["unchanged"] += 1
            return obj
        if obj is None:
            obj = model(**values)
            obj.live = False
            obj.save()
        for name, value in values.items():
            setattr(obj, name, value)
        revision = obj.save_revision(user=self.user, log_action=True)
        revision.publish(user=self.user)
        obj.refresh_from_db()
        self.stats["published"] += 1
        self._remember(key, obj, fingerprint)
        return obj
