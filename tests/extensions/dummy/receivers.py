from portal.extensions.signals import page_published


def note_publication(sender, page, **kwargs):
    from .models import DummyNote

    DummyNote.objects.create(text=f"published {page.title}")


def connect():
    page_published.connect(note_publication, dispatch_uid="dummy-note-publication")
