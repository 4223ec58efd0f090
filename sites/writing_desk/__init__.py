"""The writing desk: checks before submitting, editors' requests for changes, the handbook."""
