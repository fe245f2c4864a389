"""What load_demo made: lets a second run find its objects and skip the unchanged ones."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoObject(models.Model):
    """One page or snippet load_demo created, with a digest of the content it was given."""

    key = models.CharField(_("ключ"), max_length=200, unique=True)
    model = models.CharField(_("модель"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("идентификатор объекта"))
    digest = models.CharField(_("отпечаток содержания"), max_length=64)
    updated_at = models.DateTimeField(_("обновлено"), auto_now=True)

    class Meta:
        verbose_name = _("демонстрационный объект")
        verbose_name_plural = _("демонстрационные объекты")

    def __str__(self):
        return self.key
