"""Opening a revision without one query per child record (issue 16: the light editor).

modelcluster rebuilds a page from a revision (``from_serializable_data``, which Wagtail calls for
every draft it shows, compares or publishes) by checking each foreign key of each child record with
its own query. A tariff page with ten years of half-yearly decisions has about a thousand records,
each with its page and legal act: about 2,000 queries per revision, twice per editor request.

``BulkRevisionMixin`` checks the children's foreign keys with one query per referenced model and
per relation, then builds them without the per-row check. The outcome is modelcluster's own: a
child whose CASCADE key points at a deleted row is dropped, a dangling SET_NULL key becomes None,
DO_NOTHING is kept. One difference: a nullable PROTECT key (a record's legal act) whose act was
deleted while only a revision still named it becomes None, where modelcluster raises an exception
(the editor would get a 500 opening that draft). The page's own fields are still checked by
modelcluster.
"""
from django.db import models
from modelcluster.models import get_all_child_relations, model_from_serializable_data


def _dangling(model, rows):
    """{field name: set of values whose referenced row is gone} for the many-to-one keys in ``rows``."""
    missing = {}
    for field in model._meta.concrete_fields:
        remote = field.remote_field
        if not remote or not isinstance(remote, models.ManyToOneRel):
            continue
        target = remote.model._meta.get_field(remote.field_name)
        wanted = {target.to_python(row[field.name]) for row in rows if row.get(field.name) is not None}
        if not wanted:
            continue
        found = set(remote.model._default_manager.filter(**{f"{remote.field_name}__in": wanted})
                    .values_list(remote.field_name, flat=True))
        if wanted - found:
            missing[field.name] = (field, wanted - found)
    return missing


def checked_rows(model, rows):
    """``rows`` (serialised children of ``model``) as modelcluster's per-row check leaves them."""
    missing = _dangling(model, rows)
    if not missing:
        return rows
    kept = []
    for row in rows:
        row = dict(row)
        dropped = False
        for name, (field, gone) in missing.items():
            value = row.get(name)
            if value is None or field.remote_field.model._meta.get_field(
                    field.remote_field.field_name).to_python(value) not in gone:
                continue
            on_delete = field.remote_field.on_delete
            if on_delete == models.CASCADE:
                dropped = True  # modelcluster builds children with strict_fks=True
                break
            if on_delete == models.SET_NULL or (on_delete in (models.PROTECT, models.RESTRICT) and field.null):
                row[name] = None
            elif on_delete != models.DO_NOTHING:
                raise ValueError(f"{model.__name__}.{name}: on_delete {on_delete.__name__} is not handled")
        if not dropped:
            kept.append(row)
    return kept


class BulkRevisionMixin:
    """For a ClusterableModel (a Wagtail page) with many child records."""

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        if not check_fks:
            return super().from_serializable_data(data, check_fks=check_fks, strict_fks=strict_fks)
        relations = {rel.get_accessor_name(): rel.related_model for rel in get_all_child_relations(cls)}
        children = {name: data[name] for name in relations if name in data}
        obj = super().from_serializable_data({k: v for k, v in data.items() if k not in children},
                                             check_fks=True, strict_fks=strict_fks)
        if obj is None:
            return None
        for name, rows in children.items():
            model = relations[name]
            rows = checked_rows(model, rows)
            if hasattr(model, "from_serializable_data"):
                built = [model.from_serializable_data(row, check_fks=False, strict_fks=True) for row in rows]
            else:
                built = [model_from_serializable_data(model, row, check_fks=False, strict_fks=True) for row in rows]
            setattr(obj, name, [child for child in built if child is not None])
        return obj
