"""The test suite's plugin: one of every extension point (docs/plugins.md walks through it)."""
