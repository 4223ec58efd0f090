"""What accounts announce to the layers above them (the audit log listens)."""

from django.dispatch import Signal

# Sent with `user` and `devices_removed` when a person's two-factor devices are removed.
two_factor_reset = Signal()
