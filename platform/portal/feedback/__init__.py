"""Citizen feedback (góp ý, phản ánh): the form, the moderation queue, published answers."""
