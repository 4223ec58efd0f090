"""The core of the portal network: tenancy, identity, extensions, theme."""

__version__ = "0.1.0"
