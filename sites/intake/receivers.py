"""Every file saved in a unit (uploaded, imported or pushed) waits for the signature check."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from portal.publications.units import current_unit

from .models import DocumentSignature


@receiver(post_save, sender=get_document_model())
def _file_saved(sender, instance, **kwargs):
    unit = current_unit()
    if unit is not None:
        DocumentSignature.objects.filter(unit=unit, document_id=instance.pk).mark() or (
            DocumentSignature.objects.create(unit=unit, document_id=instance.pk)
        )


@receiver(post_delete, sender=get_document_model())
def _file_deleted(sender, instance, **kwargs):
    unit = current_unit()
    if unit is not None:
        DocumentSignature.objects.filter(unit=unit, document_id=instance.pk).delete()
