"""Optional modules of the portal network; each folder is one plugin app (see docs/plugins.md)."""
