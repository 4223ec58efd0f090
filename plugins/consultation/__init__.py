"""Public consultation on draft documents ("Lấy ý kiến góp ý dự thảo"): the draft, its
sections, comments by section, moderation, exports for the drafting committee."""
