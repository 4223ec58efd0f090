"""Visitor figures that respect privacy: page views per page and day, nothing about the visitor."""
